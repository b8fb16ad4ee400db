import { PHASE_LABELS } from '@/engines/phases';
import type { CaseState } from '@/engines/case-state';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { KnowledgeBaseService } from '@/lib/kb/knowledge-base-service';
import { FaultMavenError } from '@/lib/messaging/errors';
import type { CaseBundle } from './case-bundle';
import { caseCommands, type CaseCommand } from './case-commands';
import { caseEntities } from './case-entities';
import { loadCaseBundle } from './case-export-json';
import { CaseText } from './case-text';
import { fencedBlock } from './markdown-text';
import { caseSlug } from './postmortem-markdown';

/**
 * A resolved or closed case turned into a runbook in the shipped pack's format (title, `Tags:`,
 * Symptoms, Likely causes, Checks with commands, Fixes, Escalation), so the next person who
 * meets the same failure finds it in the knowledge base. Built from the case alone, no model
 * call; secrets masked and case text kept inert, as in the postmortem.
 */

export interface CaseRunbook {
  title: string;
  fileName: string;
  tags: string[];
  markdown: string;
}

function runbookTitle(bundle: CaseBundle): string {
  const problem = bundle.state?.problem.confirmed ?? bundle.state?.problem.proposed ?? bundle.kase.title;
  return problem.replace(/\s+/g, ' ').trim().slice(0, 120);
}

function runbookTags(bundle: CaseBundle): string[] {
  const tags = new Set<string>(['incident', bundle.kase.severity]);
  for (const names of caseEntities(bundle.evidence).values()) for (const name of names) tags.add(name.toLowerCase());
  for (const e of bundle.evidence) if (e.structured) tags.add(e.structured.product);
  for (const h of bundle.state?.hypotheses ?? []) if (h.status === 'validated') tags.add(h.category);
  // Tags are one comma-separated line: keep them to simple words.
  return [...tags].map((t) => t.replace(/[^a-z0-9._/-]+/gi, '-').replace(/^-|-$/g, '')).filter(Boolean).slice(0, 12);
}

function bullets(lines: string[], fallback: string): string[] {
  return lines.length ? lines.map((l) => `- ${l}`) : [`- ${fallback}`];
}

function symptoms(bundle: CaseBundle, text: CaseText): string[] {
  const state = bundle.state;
  const out: string[] = [];
  const problem = state?.problem.confirmed ?? state?.problem.proposed;
  if (problem) out.push(text.inline(problem, 300));
  for (const e of bundle.evidence) {
    const s = e.structured;
    if (!s) continue;
    if (s.status) out.push(`${text.inline(s.pageKind)} shows ${text.inline(s.status, 120)}: ${text.inline(e.title, 120)}`);
    for (const [key, value] of Object.entries(s.keyValues).slice(0, 4)) out.push(`${text.inline(key, 60)}: ${text.inline(value, 120)} (${text.inline(e.title, 80)})`);
    for (const notice of s.notices.slice(0, 2)) out.push(text.inline(notice, 200));
  }
  for (const fact of state?.memory.persistent ?? []) out.push(text.inline(fact.text, 300));
  if (out.length === 0) out.push(text.inline(bundle.kase.title));
  return [...new Set(out)];
}

function likelyCauses(state: CaseState | null, text: CaseText): string[] {
  const hypotheses = [...(state?.hypotheses ?? [])].sort((a, b) => b.likelihood - a.likelihood);
  const out: string[] = [];
  for (const h of hypotheses.filter((x) => x.status === 'validated')) out.push(`${text.inline(h.statement, 300)} (confirmed in this incident; ${h.category})`);
  for (const h of hypotheses.filter((x) => x.status === 'active' || x.status === 'inconclusive' || x.status === 'captured')) {
    out.push(`${text.inline(h.statement, 300)} (not ruled out; ${h.category})`);
  }
  for (const h of hypotheses.filter((x) => x.status === 'refuted')) {
    out.push(`Ruled out here: ${text.inline(h.statement, 300)}${h.statusReason ? ` — ${text.inline(h.statusReason, 200)}` : ''}`);
  }
  if (out.length === 0 && state?.conclusion && !state.conclusion.abstained) out.push(text.inline(state.conclusion.statement, 300));
  return out;
}

function checks(bundle: CaseBundle, text: CaseText, commands: CaseCommand[]): string[] {
  const out: string[] = [];
  const queries = [...new Set(bundle.evidence.flatMap((e) => (e.structured?.queries ?? []).map((q) => ({ q, where: e.structured!.pageKind }))))];
  for (const { q, where } of queries.slice(0, 6)) out.push(`- ${text.inline(where)} query: ${text.code(q)}`);
  for (const h of bundle.state?.hypotheses ?? []) {
    for (const link of h.links.filter((l) => l.stance === 'supports' && l.note)) out.push(`- ${text.inline(link.note, 200)}`);
  }
  const readOnly = commands.filter((c) => !c.changesSystem).map((c) => c.command);
  if (readOnly.length) out.push('', fencedBlock(readOnly.map((c) => text.clean(c)).join('\n'), 'bash'));
  return out.length ? out : ['- Re-check the signals listed under Symptoms.'];
}

function fixes(bundle: CaseBundle, text: CaseText, commands: CaseCommand[]): string[] {
  const state = bundle.state;
  const out: string[] = [];
  const decisions = [...(state?.memory.cold ?? []), ...(state?.memory.warm ?? [])].flatMap((s) => s.decisions);
  decisions.push(...(state?.memory.hot ?? []).flatMap((r) => r.decisions));
  for (const d of new Set(decisions)) out.push(`- ${text.inline(d, 300)}`);
  if (state?.conclusion && !state.conclusion.abstained && state.conclusion.statement) out.push(`- ${text.inline(state.conclusion.statement, 300)}`);
  if (state?.milestones.solution_verified !== undefined) out.push('- The fix above was verified in this incident.');
  const changing = commands.filter((c) => c.changesSystem).map((c) => c.command);
  if (changing.length) out.push('', 'Commands that change the system (review before running):', '', fencedBlock(changing.map((c) => text.clean(c)).join('\n'), 'bash'));
  return out.length ? out : ['- No fix was recorded for this case.'];
}

function escalation(bundle: CaseBundle, text: CaseText): string[] {
  const out: string[] = [];
  if (bundle.state?.phase.escalation) out.push(text.inline(bundle.state.phase.escalation.reason, 300));
  const services = caseEntities(bundle.evidence).get('service') ?? [];
  if (services.length) out.push(`Owners of ${services.map((s) => text.code(s)).join(', ')}`);
  out.push(`See the original case: ${text.inline(bundle.kase.title)} (${new Date(bundle.kase.createdAt).toISOString().slice(0, 10)}, reached ${PHASE_LABELS[bundle.kase.phase]})`);
  return out;
}

export function caseToRunbook(bundle: CaseBundle): CaseRunbook {
  if (bundle.kase.status === 'open') {
    throw new FaultMavenError('invalid-input', 'Only a resolved or closed case can become a runbook: resolve or close it first');
  }
  const text = new CaseText(bundle);
  const title = runbookTitle(bundle);
  const tags = runbookTags(bundle);
  const commands = caseCommands(bundle);
  const markdown = [
    `# ${text.paragraph(title)}`,
    '',
    `Tags: ${tags.join(', ')}`,
    '',
    '## Symptoms',
    ...bullets(symptoms(bundle, text), 'See the original case.'),
    '',
    '## Likely causes',
    ...bullets(likelyCauses(bundle.state, text), 'The cause was not established in this incident.'),
    '',
    '## Checks',
    ...checks(bundle, text, commands),
    '',
    '## Fixes',
    ...fixes(bundle, text, commands),
    '',
    '## Escalation',
    ...bullets(escalation(bundle, text), 'The service owners.'),
    '',
  ].join('\n');
  return { title: text.clean(title), fileName: `${caseSlug(bundle.kase.title)}-runbook.md`, tags, markdown };
}

/** Writes the case's runbook into the user's knowledge base; the same runbook twice is recognised. */
export async function ingestCaseRunbook(
  db: FaultMavenDB,
  kb: KnowledgeBaseService,
  caseId: string,
): Promise<{ documentId: string; title: string; duplicate: boolean }> {
  const runbook = caseToRunbook(await loadCaseBundle(db, caseId));
  const added = await kb.addDocument({ tier: 'user', name: runbook.fileName, text: runbook.markdown, tags: runbook.tags });
  return { documentId: added.document.id, title: added.document.title, duplicate: added.duplicate };
}
