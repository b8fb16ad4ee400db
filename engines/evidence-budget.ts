/*
 * Which evidence text goes into a prompt, and how much of it (the original's
 * `context_builder/budget.py` evidence rules, research §2b): the newest RECENT_COUNT items in
 * full up to MAX_CHARS_PER_ITEM, at most MAX_TOTAL_CHARS together; older items as short
 * digests so the model still knows they exist and can read them with the read_evidence tool.
 * The caller fences the chosen text as untrusted data.
 */

export const EVIDENCE_RECENT_COUNT = 3;
export const EVIDENCE_MAX_CHARS_PER_ITEM = 4_000;
export const EVIDENCE_MAX_TOTAL_CHARS = 16_000;
/** Original state summary: ≤ 8 evidence digests of 180 chars each. */
export const EVIDENCE_DIGEST_CHARS = 180;
export const EVIDENCE_MAX_DIGESTS = 8;

export interface PromptEvidenceInput {
  id: string;
  label: string;
  title: string;
  text: string;
  createdAt: number;
}

export interface PromptEvidenceItem {
  id: string;
  label: string;
  title: string;
  mode: 'full' | 'digest';
  text: string;
  /** True when `text` is shorter than the stored item. */
  shortened: boolean;
}

export interface EvidencePlan {
  items: PromptEvidenceItem[];
  /** Older items not even digested. */
  omitted: number;
}

const ERROR_LINE = /\b(error|exception|fatal|fail(ed|ure)?|timeout|timed out|refused|denied|panic|oom|killed|5\d\d)\b/i;

/** A short digest: the first error-like line if there is one (what usually matters), else the start. */
export function digestEvidence(text: string, maxChars = EVIDENCE_DIGEST_CHARS): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const errorLine = lines.find((l) => ERROR_LINE.test(l));
  const base = (errorLine ?? lines.slice(0, 3).join(' ')).replace(/\s+/g, ' ');
  return base.length <= maxChars ? base : `${base.slice(0, maxChars - 1)}…`;
}

export function planEvidence(
  evidence: readonly PromptEvidenceInput[],
  limits: { recentCount?: number; maxCharsPerItem?: number; maxTotalChars?: number; maxDigests?: number } = {},
): EvidencePlan {
  const recentCount = limits.recentCount ?? EVIDENCE_RECENT_COUNT;
  const perItem = limits.maxCharsPerItem ?? EVIDENCE_MAX_CHARS_PER_ITEM;
  const total = limits.maxTotalChars ?? EVIDENCE_MAX_TOTAL_CHARS;
  const maxDigests = limits.maxDigests ?? EVIDENCE_MAX_DIGESTS;
  const newestFirst = [...evidence].sort((a, b) => b.createdAt - a.createdAt);
  const items: PromptEvidenceItem[] = [];
  let used = 0;
  let digests = 0;
  let omitted = 0;
  for (const [index, item] of newestFirst.entries()) {
    const room = Math.min(perItem, total - used);
    if (index < recentCount && room > EVIDENCE_DIGEST_CHARS) {
      const text = item.text.length > room ? item.text.slice(0, room) : item.text;
      used += text.length;
      items.push({ id: item.id, label: item.label, title: item.title, mode: 'full', text, shortened: text.length < item.text.length });
    } else if (digests < maxDigests) {
      digests++;
      items.push({ id: item.id, label: item.label, title: item.title, mode: 'digest', text: digestEvidence(item.text), shortened: true });
    } else {
      omitted++;
    }
  }
  return { items: items.reverse(), omitted };
}
