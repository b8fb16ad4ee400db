import type { CaseState, Hypothesis, Milestone } from '@/engines/case-state';
import { PHASE_LABELS, type Phase } from '@/engines/phases';
import { SEVERITY_LABELS } from '@/engines/severity';
import type { EvidenceRecord, MessageRecord } from '@/lib/db/records';
import type { EntityType } from '@/lib/sites/types';
import type { CaseBundle } from './case-bundle';
import { caseCommands } from './case-commands';
import { caseEntities } from './case-entities';
import { CaseText } from './case-text';
import { fencedBlock, inlineText } from './markdown-text';

/**
 * A case written up as a Markdown postmortem (Summary, Impact, Timeline, Root cause, Hypotheses
 * considered, Resolution, Evidence, Actions), built only from what the case holds: no model
 * call. Two rules shape every line:
 * - Text that came from pages, files or the model is untrusted: it is rendered as plain text
 *   (escaped inline, or in code spans and fences), never as Markdown or HTML of its own.
 * - Postmortems get pasted into wikis: secrets are masked with the same redaction as model
 *   calls (placeholders keyed by the case id, so they match what the model saw).
 */

export interface PostmortemOptions {
  /** Longest excerpt of a message in the timeline. */
  timelineExcerptChars?: number;
}

const MILESTONE_LABELS: Record<Milestone, string> = {
  symptom_verified: 'Symptom verified',
  scope_assessed: 'Scope assessed',
  timeline_established: 'Timeline established',
  changes_identified: 'Changes identified',
  root_cause_identified: 'Root cause identified',
  solution_proposed: 'Solution proposed',
  solution_verified: 'Solution verified',
};

const ENTITY_LABELS: Partial<Record<EntityType, string>> = {
  service: 'Services',
  cluster: 'Clusters',
  namespace: 'Namespaces',
  pod: 'Pods',
  alarm: 'Alarms',
  monitor: 'Monitors',
  'log-group': 'Log groups',
  function: 'Functions',
  'db-instance': 'Database instances',
  host: 'Hosts',
  env: 'Environments',
};

/** `2026-11-24 14:05:12 UTC`: one zone for everyone reading the postmortem. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

/** File-name friendly form of a title: `checkout-p99-latency-4x`. */
export function caseSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'case';
}

interface TimelineEntry {
  at: number;
  text: string;
}

/**
 * Maps an engine turn to a time. The engines count a turn for each message the engineer sends
 * (`beginTurn`), so turn n began with the n-th user message; turn 0 is the case's opening.
 */
function turnClock(bundle: CaseBundle): (turn: number) => number | null {
  const userTimes = bundle.messages.filter((m) => m.role === 'user').map((m) => m.createdAt).sort((a, b) => a - b);
  return (turn) => (turn <= 0 ? bundle.kase.createdAt : (userTimes[turn - 1] ?? null));
}

function evidenceLabels(bundle: CaseBundle): Map<string, string> {
  const labels = new Map<string, string>();
  for (const ref of bundle.state?.evidence ?? []) labels.set(ref.id, ref.label);
  let next = labels.size + 1;
  for (const e of bundle.evidence) if (!labels.has(e.id)) labels.set(e.id, `E${next++}`);
  return labels;
}

function describeSource(e: EvidenceRecord): string {
  if (e.structured) return `${e.structured.pageKind} (${e.structured.product})`;
  if (e.provenance.fileName) return e.kind === 'file' ? 'uploaded file' : `uploaded ${e.kind}`;
  return e.kind;
}

function timeRangeBounds(evidence: readonly EvidenceRecord[]): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const e of evidence) {
    const range = e.structured?.timeRange;
    if (!range) continue;
    const f = Date.parse(range.from);
    const t = Date.parse(range.to);
    if (Number.isFinite(f)) from = Math.min(from, f);
    if (Number.isFinite(t)) to = Math.max(to, t);
  }
  return Number.isFinite(from) && Number.isFinite(to) ? { from, to } : null;
}

function buildTimeline(bundle: CaseBundle, text: CaseText, labels: Map<string, string>, excerptChars: number): TimelineEntry[] {
  const { kase, state } = bundle;
  const at = turnClock(bundle);
  const entries: TimelineEntry[] = [{ at: kase.createdAt, text: `Case opened (${SEVERITY_LABELS[kase.severity]}): ${text.inline(kase.title)}` }];
  const push = (time: number | null, line: string) => {
    if (time !== null && Number.isFinite(time)) entries.push({ at: time, text: line });
  };

  for (const m of bundle.messages) {
    if (m.role === 'user') push(m.createdAt, `Engineer: ${text.inline(m.content, excerptChars)}`);
    else if (m.role === 'assistant' && m.content.trim()) {
      const note = m.status === 'complete' ? '' : ` (${m.status})`;
      push(m.createdAt, `FaultMaven${note}: ${text.inline(m.content, excerptChars)}`);
    }
  }
  for (const e of bundle.evidence) {
    const label = labels.get(e.id) ?? '';
    push(e.provenance.capturedAt, `Evidence ${label} captured: ${text.inline(e.title, 120)} — ${text.inline(describeSource(e))}`);
    const range = e.structured?.timeRange;
    if (range) {
      push(
        Date.parse(range.from),
        `Start of the window shown in ${label} (${text.inline(range.raw || 'time range')}, until ${formatUtc(Date.parse(range.to) || 0)})`,
      );
    }
  }
  if (state) {
    if (state.problem.confirmed !== null && state.problem.confirmedTurn !== null) {
      push(at(state.problem.confirmedTurn), `Problem statement confirmed: ${text.inline(state.problem.confirmed)}`);
    }
    if (state.problem.investigationDecidedTurn !== null) push(at(state.problem.investigationDecidedTurn), 'Structured investigation started');
    for (const [milestone, turn] of Object.entries(state.milestones) as [Milestone, number][]) {
      push(at(turn), `Milestone: ${MILESTONE_LABELS[milestone]}`);
    }
    for (const phase of phaseEntries(state)) push(at(phase.turn), `Phase: ${PHASE_LABELS[phase.phase]}`);
    for (const loop of state.phase.loopBacks) {
      push(at(loop.turn), `Looped back from ${PHASE_LABELS[loop.from]} to ${PHASE_LABELS[loop.to]}: ${text.inline(loop.reason, 200)}`);
    }
    if (state.phase.escalation) push(at(state.phase.escalation.turn), `Escalated: ${text.inline(state.phase.escalation.reason, 200)}`);
    for (const h of state.hypotheses) {
      push(at(h.createdTurn), `Hypothesis ${h.id} raised: ${text.inline(h.statement, 200)}`);
      if (['validated', 'refuted', 'retired', 'superseded', 'inconclusive'].includes(h.status) && h.statusChangedTurn > h.createdTurn) {
        const reason = h.statusReason ? `: ${text.inline(h.statusReason, 200)}` : '';
        push(at(h.statusChangedTurn), `Hypothesis ${h.id} ${h.status}${reason}`);
      }
    }
  }
  if (kase.status !== 'open') push(kase.updatedAt, `Case ${kase.status}`);
  // Stable sort: entries at the same instant keep the order they were added in.
  return entries.sort((a, b) => a.at - b.at);
}

/** Phases entered, from the turn-by-turn memory (recent turns) and the current phase. */
function phaseEntries(state: CaseState): { phase: Phase; turn: number }[] {
  const out: { phase: Phase; turn: number }[] = [];
  let previous: Phase | null = null;
  for (const record of [...state.memory.hot].sort((a, b) => a.turn - b.turn)) {
    if (record.phase !== previous && previous !== null) out.push({ phase: record.phase, turn: record.turn });
    previous = record.phase;
  }
  const current = state.phase.current;
  if (current !== 'INTAKE' && !out.some((p) => p.phase === current && p.turn === state.phase.enteredTurn)) {
    out.push({ phase: current, turn: state.phase.enteredTurn });
  }
  return out;
}

function hypothesisLine(h: Hypothesis, text: CaseText): string {
  const reason = h.statusReason ? ` — ${text.inline(h.statusReason, 300)}` : '';
  return `- **${inlineText(h.id)}** · ${h.status} · ${percent(h.likelihood)} (prior ${percent(h.prior)}) · ${h.category}: ${text.inline(h.statement, 500)}${reason}`;
}

function rootCauseSection(bundle: CaseBundle, text: CaseText, labels: Map<string, string>): string[] {
  const state = bundle.state;
  const validated = state?.hypotheses.filter((h) => h.status === 'validated') ?? [];
  const lines: string[] = [];
  for (const h of validated) {
    lines.push(`${text.paragraph(h.statement)} (validated, likelihood ${percent(h.likelihood)}, ${h.category})`, '');
    const supporting = h.links.filter((l) => l.stance === 'supports');
    if (supporting.length > 0) {
      lines.push('Supported by:');
      for (const link of supporting) {
        const note = link.note ? `: ${text.inline(link.note, 300)}` : '';
        lines.push(`- ${labels.get(link.evidenceId) ?? 'removed evidence'}${note}`);
      }
      lines.push('');
    }
  }
  if (validated.length > 0) return lines;
  const conclusion = state?.conclusion;
  if (conclusion && !conclusion.abstained && conclusion.statement.trim()) {
    return [
      `Not validated. Working conclusion (${conclusion.level}, ${percent(conclusion.confidence)}): ${text.inline(conclusion.statement)}`,
      ...(conclusion.caveats.length ? ['', 'Caveats:', ...conclusion.caveats.map((c) => `- ${text.inline(c, 300)}`)] : []),
      '',
    ];
  }
  if (state?.abstention) return [`Not established: ${text.inline(state.abstention.reason)}`, ''];
  return ['Not established.', ''];
}

function resolutionSection(bundle: CaseBundle, text: CaseText): string[] {
  const { kase, state } = bundle;
  const at = turnClock(bundle);
  const lines: string[] = [];
  const verified = state?.milestones.solution_verified;
  const proposed = state?.milestones.solution_proposed;
  if (verified !== undefined) lines.push(`A fix was applied and verified${timeSuffix(at(verified))}.`);
  else if (proposed !== undefined) lines.push(`A fix was proposed${timeSuffix(at(proposed))} but not verified.`);
  else lines.push(kase.status === 'open' ? 'No fix yet: the case is still open.' : 'No fix was recorded.');
  if (state?.resolution) {
    const confirmed = timeSuffix(at(state.resolution.confirmedTurn));
    lines.push('', `Write-up the engineer confirmed when marking the case ${state.resolution.toStatus}${confirmed}:`, '', text.paragraph(state.resolution.summary));
  }
  if (state?.pendingTransition) {
    lines.push('', `Proposed write-up (${state.pendingTransition.toStatus}, awaiting confirmation):`, '', text.paragraph(state.pendingTransition.summary));
  }
  const decisions = [...(state?.memory.cold ?? []), ...(state?.memory.warm ?? [])].flatMap((s) => s.decisions);
  decisions.push(...(state?.memory.hot ?? []).flatMap((r) => r.decisions));
  if (decisions.length > 0) lines.push('', 'Decisions:', ...[...new Set(decisions)].map((d) => `- ${text.inline(d, 300)}`));
  const commands = caseCommands(bundle);
  if (commands.length > 0) {
    lines.push('', 'Commands from the investigation (suggested by FaultMaven, run by the engineer):', '', fencedBlock(commands.map((c) => text.clean(c.command)).join('\n'), 'bash'));
  }
  const lastAnswer = [...bundle.messages].reverse().find((m) => m.role === 'assistant' && m.status === 'complete' && m.content.trim());
  if (lastAnswer) {
    lines.push('', `FaultMaven's last answer (${formatUtc(lastAnswer.createdAt)}), quoted as plain text:`, '', fencedBlock(clip(text.clean(lastAnswer.content), 2_000)));
  }
  lines.push('');
  return lines;
}

function timeSuffix(at: number | null): string {
  return at === null ? '' : ` (${formatUtc(at)})`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function evidenceSection(evidence: readonly EvidenceRecord[], text: CaseText, labels: Map<string, string>): string[] {
  if (evidence.length === 0) return ['No evidence was captured.', ''];
  const lines: string[] = [];
  for (const e of evidence) {
    lines.push(`- **${labels.get(e.id) ?? ''}** ${text.inline(e.title, 200)} — ${text.inline(describeSource(e))}, captured ${formatUtc(e.provenance.capturedAt)}`);
    if (e.provenance.url) lines.push(`  - Source: ${text.code(e.provenance.url)}`);
    else if (e.provenance.fileName) lines.push(`  - File: ${text.code(e.provenance.fileName)}`);
    const s = e.structured;
    if (s?.timeRange) lines.push(`  - Time range: ${formatUtc(Date.parse(s.timeRange.from) || 0)} → ${formatUtc(Date.parse(s.timeRange.to) || 0)} (${text.inline(s.timeRange.raw)})`);
    if (s?.status) lines.push(`  - Status: ${text.inline(s.status, 200)}`);
    if (s && s.entities.length > 0) lines.push(`  - Entities: ${s.entities.map((x) => `${x.type} ${text.code(x.name)}`).join(', ')}`);
    for (const q of s?.queries.slice(0, 5) ?? []) lines.push(`  - Query: ${text.code(clip(q, 500))}`);
    for (const n of s?.notices.slice(0, 3) ?? []) lines.push(`  - Notice: ${text.inline(n, 200)}`);
    const excerpt = text.inline(e.text, 300);
    if (excerpt && !e.imageDataUrl) lines.push(`  - Excerpt: ${excerpt}`);
  }
  lines.push('');
  return lines;
}

function actionsSection(bundle: CaseBundle, text: CaseText): string[] {
  const state = bundle.state;
  const items: string[] = [];
  for (const a of state?.suggestedActions ?? []) {
    if (a.kind === 'run') items.push(`${text.inline(a.label, 200)}: ${text.code(a.payload)}${a.destructive ? ' (destructive: review before running)' : ''}`);
    else if (a.kind === 'evidence') items.push(`Capture: ${text.inline(a.payload || a.label, 300)}`);
    else items.push(text.inline(a.label, 300));
  }
  for (const n of state?.conclusion?.nextEvidenceNeeded ?? []) items.push(`Get: ${text.inline(n, 300)}`);
  for (const n of state?.abstention?.missingEvidence ?? []) items.push(`Get: ${text.inline(n, 300)}`);
  for (const h of state?.hypotheses ?? []) {
    if (h.status === 'active' || h.status === 'captured' || h.status === 'inconclusive') {
      items.push(`Rule in or out ${inlineText(h.id)} (${h.status}, ${percent(h.likelihood)}): ${text.inline(h.statement, 300)}`);
    }
  }
  if (state?.phase.escalation) items.push(`Follow up on the escalation: ${text.inline(state.phase.escalation.reason, 300)}`);
  if (items.length === 0) return ['No follow-ups recorded.', ''];
  return [...[...new Set(items)].map((i) => `- [ ] ${i}`), ''];
}

function impactSection(bundle: CaseBundle, text: CaseText): string[] {
  const { kase, state, evidence } = bundle;
  const lines = [`- Severity: ${SEVERITY_LABELS[kase.severity]}${state ? ` (urgency ${state.urgency})` : ''}`];
  for (const [type, names] of caseEntities(evidence)) {
    lines.push(`- ${ENTITY_LABELS[type] ?? type}: ${names.map((n) => text.code(n)).join(', ')}`);
  }
  const window = timeRangeBounds(evidence);
  if (window) lines.push(`- Observed window (from the captured pages): ${formatUtc(window.from)} → ${formatUtc(window.to)}`);
  const at = turnClock(bundle);
  const scoped = state?.milestones.scope_assessed;
  if (scoped !== undefined) lines.push(`- Scope assessed${timeSuffix(at(scoped))}`);
  for (const fact of state?.memory.persistent ?? []) lines.push(`- ${text.inline(fact.text, 300)}`);
  if (lines.length === 1) lines.push('- Scope not established: no service or resource was named in the evidence.');
  lines.push('');
  return lines;
}

function summarySection(bundle: CaseBundle, text: CaseText): string[] {
  const { kase, state } = bundle;
  const problem = state?.problem.confirmed ?? state?.problem.proposed ?? null;
  const lines: string[] = [];
  lines.push(problem ? text.paragraph(problem) : text.paragraph(kase.title), '');
  const statusLine =
    kase.status === 'open'
      ? `Status: open, in the ${PHASE_LABELS[state?.phase.current ?? kase.phase]} phase.`
      : `Status: ${kase.status} after ${duration(kase.updatedAt - kase.createdAt)}.`;
  lines.push(statusLine);
  const conclusion = state?.conclusion;
  if (conclusion?.abstained && state?.abstention) lines.push('', `FaultMaven abstained: ${text.inline(state.abstention.reason)}`);
  else if (conclusion && conclusion.statement.trim()) {
    lines.push('', `Conclusion (${conclusion.level}, ${percent(conclusion.confidence)}): ${text.inline(conclusion.statement)}`);
  }
  lines.push('');
  return lines;
}

export function postmortemMarkdown(bundle: CaseBundle, options: PostmortemOptions = {}): string {
  const { kase, state } = bundle;
  const text = new CaseText(bundle);
  const labels = evidenceLabels(bundle);
  const excerptChars = options.timelineExcerptChars ?? 200;
  const timeline = buildTimeline(bundle, text, labels, excerptChars);

  const hypotheses = [...(state?.hypotheses ?? [])].sort((a, b) => b.likelihood - a.likelihood);
  const out: string[] = [
    `# Postmortem: ${text.inline(kase.title)}`,
    '',
    `- Severity: ${SEVERITY_LABELS[kase.severity]}`,
    `- Status: ${kase.status}`,
    `- Opened: ${formatUtc(kase.createdAt)}`,
    `- Last updated: ${formatUtc(kase.updatedAt)}`,
    '',
    '## Summary',
    '',
    ...summarySection(bundle, text),
    '## Impact',
    '',
    ...impactSection(bundle, text),
    '## Timeline',
    '',
    ...timeline.map((e) => `- ${formatUtc(e.at)} — ${e.text}`),
    '',
    '## Root cause',
    '',
    ...rootCauseSection(bundle, text, labels),
    '## Hypotheses considered',
    '',
    ...(hypotheses.length ? [...hypotheses.map((h) => hypothesisLine(h, text)), ''] : ['None were recorded.', '']),
    '## Resolution',
    '',
    ...resolutionSection(bundle, text),
    '## Evidence',
    '',
    ...evidenceSection(bundle.evidence, text, labels),
    '## Actions',
    '',
    ...actionsSection(bundle, text),
    '---',
    '',
    'Generated by FaultMaven from the case record. Secrets and personal data are masked as `[REDACTED:type:tag]`.',
    '',
  ];
  return out.join('\n');
}

/** Messages and evidence in time order, as the postmortem expects them. */
export function sortedBundle(bundle: CaseBundle): CaseBundle {
  const byTime = <T extends { createdAt: number }>(rows: T[]) => [...rows].sort((a, b) => a.createdAt - b.createdAt);
  return { ...bundle, messages: byTime<MessageRecord>(bundle.messages), evidence: byTime<EvidenceRecord>(bundle.evidence) };
}
