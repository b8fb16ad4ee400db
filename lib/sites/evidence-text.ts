import type { AbsoluteTimeRange, EntityRef } from './types';

/** Builds the Markdown the agent reads, in a fixed order so every adapter reads alike. */
export class EvidenceText {
  private readonly parts: string[] = [];

  constructor(title: string, subtitle?: string) {
    this.parts.push(`# ${title}` + (subtitle ? `\n${subtitle}` : ''));
  }

  notices(list: string[]): this {
    if (list.length) this.parts.push('## Notices on the page\n' + list.map((n) => `- ${n}`).join('\n'));
    return this;
  }

  summary(status: string | undefined, range: AbsoluteTimeRange | undefined, entities: EntityRef[]): this {
    const lines: string[] = [];
    if (status) lines.push(`- Status: ${status}`);
    if (range) lines.push(`- Time range (UTC): ${range.from} → ${range.to} (page: ${range.raw})`);
    for (const e of entities) lines.push(`- ${e.type}: ${e.name}`);
    if (lines.length) this.parts.push(lines.join('\n'));
    return this;
  }

  keyValues(heading: string, kv: Record<string, string>): this {
    const entries = Object.entries(kv).filter(([, v]) => v);
    if (entries.length) this.parts.push(`## ${heading}\n` + entries.map(([k, v]) => `- ${k}: ${v}`).join('\n'));
    return this;
  }

  queries(list: string[], label = 'Query'): this {
    for (const q of list) this.parts.push(`## ${label}\n\`\`\`\n${q}\n\`\`\``);
    return this;
  }

  section(heading: string, body: string): this {
    if (body.trim()) this.parts.push(`## ${heading}\n${body.trim()}`);
    return this;
  }

  toString(): string {
    return this.parts.join('\n\n');
  }
}

export function dedupeEntities(list: EntityRef[]): EntityRef[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.type}:${e.name}`;
    if (!e.name || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
