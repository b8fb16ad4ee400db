import { isTerminal, type CaseState, type Hypothesis, type WorkingConclusion } from './case-state';
import { isOpen, openHypotheses } from './hypothesis-manager';
import { MEMORY_TOKEN_BUDGETS, renderMemory, type MemoryBudgets } from './memory-manager';
import { planOodaTurn, type OodaPlan } from './ooda-engine';
import { unmetCompletionCriteria, URGENT_SKIP_HYPOTHESIS_LIKELIHOOD } from './phase-orchestrator';
import { CRITERION_DESCRIPTIONS, PHASE_DEFINITIONS, PHASE_LABELS, phaseIndex, type OodaStep } from './phases';
import { isUrgent } from './severity';
import { estimateTokens, type TokenCounter } from './token-counter';

/*
 * Builds the investigation part of the prompt from the engine state: phase goal and what is
 * still missing, this turn's OODA focus, what the engineer must confirm, hypotheses, the
 * working conclusion and the memory tiers. The app puts it next to the (fenced) evidence and
 * knowledge hits. Sections are filled in priority order within a token budget; a section that
 * does not fit is replaced by "[...]" (original `TokenBudget`).
 */

export interface ContextBudget {
  /** Upper bound for the whole investigation context, in tokens. */
  maxTokens: number;
  countTokens?: TokenCounter;
  memoryBudgets?: MemoryBudgets;
}

export interface ContextSection {
  name: 'state' | 'this-turn' | 'hypotheses' | 'conclusion' | 'memory' | 'evidence-index';
  tokens: number;
  included: boolean;
}

export interface InvestigationContext {
  text: string;
  tokens: number;
  sections: ContextSection[];
  plan: OodaPlan;
}

export const MAX_HYPOTHESES_IN_CONTEXT = 10;
export const MAX_EVIDENCE_IN_INDEX = 20;
export const DEFAULT_CONTEXT_TOKENS = 3_500;

const STEP_INSTRUCTIONS: Record<OodaStep, string> = {
  observe: 'what is new in the latest message and evidence, and what changed',
  orient: 'how it bears on each hypothesis (supports, refutes, neutral) and on the phase goal',
  decide: 'the single most discriminating next check',
  act: 'the exact command or action for the engineer to run (never run it yourself) and what each result would mean',
};

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

function stateSection(state: CaseState, plan: OodaPlan): string {
  const def = PHASE_DEFINITIONS[state.phase.current];
  const lines = [`## Investigation state`, `Status: ${state.status} · urgency ${state.urgency} · turn ${state.turn}`];
  if (state.problem.confirmed) lines.push(`Problem statement (confirmed): ${state.problem.confirmed}`);
  else if (state.problem.proposed) lines.push(`Problem statement (proposed, not yet confirmed): ${state.problem.proposed}`);
  else lines.push('Problem statement: not yet proposed');
  if (state.status !== 'inquiry') {
    const { min, max } = def.expectedIterations;
    lines.push(
      `Phase: ${state.phase.current} (${PHASE_LABELS[state.phase.current]}), iteration ${plan.iteration} of ${min}–${max} expected${plan.overrun ? ' (over the expected number)' : ''}`,
      `Phase goal: ${def.primaryGoal}`,
    );
    const unmet = unmetCompletionCriteria(state);
    if (unmet.length) lines.push(`To complete this phase: ${unmet.map((c) => CRITERION_DESCRIPTIONS[c]).join('; ')}`);
    if (state.phase.completed.length) lines.push(`Completed phases: ${state.phase.completed.join(', ')}`);
    if (state.phase.skipped.length) lines.push(`Skipped phases: ${state.phase.skipped.join(', ')}`);
    if (state.phase.loopBacks.length) {
      const last = state.phase.loopBacks.at(-1)!;
      lines.push(`Loop-backs: ${state.phase.loopBacks.length} (last: ${last.from} → ${last.to}, ${last.outcome}: ${last.reason})`);
    }
  }
  if (plan.intensity === 'none') {
    lines.push('Mode: consultant. Understand the problem before investigating.');
  } else {
    lines.push(`Mode: lead investigator. OODA intensity: ${plan.intensity}. This turn:`);
    for (const { step, weight } of plan.steps) lines.push(`- ${step} (${pct(weight)}): ${STEP_INSTRUCTIONS[step]}`);
  }
  return lines.join('\n');
}

function thisTurnSection(state: CaseState): string {
  const lines: string[] = ['## What this turn must do'];
  const { proposed, confirmed } = state.problem;
  if (state.pendingTransition) {
    const p = state.pendingTransition;
    lines.push(
      `- You proposed to mark the case ${p.toStatus} (${p.reason}). If the engineer's latest message confirms, set transitionReply "confirmed"; if they decline, "declined". Nothing changes until they confirm.`,
    );
  }
  if (state.status === 'inquiry') {
    if (!proposed && !confirmed) {
      lines.push('- Understand the problem. When you can state it in one sentence, put it in problem.proposedStatement and ask the engineer to confirm it.');
    } else if (proposed && proposed !== confirmed) {
      lines.push(
        `- Waiting for the engineer to confirm the problem statement "${proposed}". If their latest message confirms it, set problem.userConfirmedStatement; if they correct it, propose the corrected statement.`,
      );
    } else {
      lines.push('- The problem statement is confirmed. Ask whether to start a structured investigation; if their latest message agrees, set problem.userDecidedToInvestigate.');
    }
    lines.push('- Hypotheses you add now are queued and become active when the investigation starts.');
  }
  if (isTerminal(state.status)) lines.push(`- The case is ${state.status}. Answer questions about it; propose nothing new unless the engineer reopens it.`);
  const anchoring = state.ooda.anchoring;
  if (anchoring) {
    const outside = anchoring.dominantCategory ? ` outside ${anchoring.dominantCategory}` : '';
    lines.push(
      `- Anchoring detected (${anchoring.reasons.join('; ')}). Add at least ${anchoring.alternativesRequired} new hypotheses${outside} before anything else; the phase cannot complete until you do.`,
    );
  }
  const transparency = state.progress.transparency;
  if (transparency) {
    lines.push(`- Progress check: ${transparency.description} Tell the engineer plainly what is blocking and offer options: specific evidence to get, escalating to a human expert, or abstaining.`);
  }
  if (state.phase.escalation) lines.push(`- Escalated: ${state.phase.escalation.reason}. Recommend handing over to a human expert and summarise what is known and ruled out.`);
  if (state.phase.degraded) lines.push(`- Degraded mode ${state.phase.degraded.mode}: ${state.phase.degraded.reason}. Confidence is capped; say so.`);
  if (state.abstention) {
    lines.push(`- You abstained: ${state.abstention.reason}. Do not state a root cause unless new evidence validates one.`);
  }
  if (state.status === 'investigating') {
    const phase = state.phase.current;
    if (isUrgent(state.urgency) && phaseIndex(phase) < phaseIndex('SOLUTION')) {
      const condition = state.urgency === 'critical' ? '' : ` once a hypothesis reaches ${URGENT_SKIP_HYPOTHESIS_LIKELIHOOD}`;
      lines.push(`- Urgency is ${state.urgency}: you may set phaseSignal "skip_to_solution"${condition} to mitigate first and find the root cause afterwards.`);
    }
    if (phase === 'SOLUTION' && state.phase.skipped.includes('VALIDATION')) {
      lines.push('- Validation was skipped for urgency: propose a mitigation (rollback, failover, scaling, feature flag) with its risk, and say the root cause is unconfirmed.');
    }
    if (phase === 'DOCUMENT') {
      lines.push('- Write the incident summary (impact, timeline, root cause, fix, follow-ups) and propose resolving the case in proposedTransition.');
    }
    if (state.conclusion && !state.conclusion.canProposeSolution && phaseIndex(phase) < phaseIndex('SOLUTION')) {
      lines.push('- Confidence is below 0.70: do not present a fix as the solution yet.');
    }
  }
  if (state.notes.length) lines.push(`- Last turn, these updates were not applied: ${state.notes.join(' | ')}`);
  lines.push(`- Next hypothesis id: H${state.nextHypothesisNumber}.`);
  return lines.join('\n');
}

function formatHypothesis(state: CaseState, h: Hypothesis): string {
  const trend = h.trajectory.length ? (h.likelihood >= (h.trajectory.at(-2)?.likelihood ?? h.prior) ? ' ↑' : ' ↓') : '';
  const head = `${h.id} [${h.status} · ${h.category} · ${h.likelihood.toFixed(2)}${trend}] ${h.statement}`;
  if (!isOpen(h) && h.status !== 'validated') return `${head} — ${h.statusReason ?? h.status}`;
  const links = h.links.map((l) => {
    const label = state.evidence.find((e) => e.id === l.evidenceId)?.label ?? l.evidenceId;
    return `${label} ${l.stance}${l.note ? ` (${l.note})` : ''}`;
  });
  const stalled = h.iterationsWithoutProgress >= 2 ? `; no new evidence for ${h.iterationsWithoutProgress} turns` : '';
  return `${head}${links.length ? ` — evidence: ${links.join('; ')}` : ' — no evidence linked yet'}${stalled}`;
}

function hypothesesSection(state: CaseState): string {
  if (state.hypotheses.length === 0) return '## Hypotheses\nNone yet.';
  const open = openHypotheses(state).sort((a, b) => b.likelihood - a.likelihood);
  const validated = state.hypotheses.filter((h) => h.status === 'validated');
  const closed = state.hypotheses.filter((h) => !isOpen(h) && h.status !== 'validated').reverse();
  const shown = [...validated, ...open, ...closed].slice(0, MAX_HYPOTHESES_IN_CONTEXT);
  const hidden = state.hypotheses.length - shown.length;
  return ['## Hypotheses', ...shown.map((h) => formatHypothesis(state, h)), ...(hidden > 0 ? [`(${hidden} older closed hypotheses not shown)`] : [])].join('\n');
}

function conclusionSection(c: WorkingConclusion | null): string {
  if (!c) return '## Working conclusion\nNone yet.';
  const lines = [
    '## Working conclusion',
    `${c.statement} (confidence ${c.confidence.toFixed(2)}, ${c.level}; momentum ${c.momentum})`,
    `Can propose a solution: ${c.canProposeSolution ? 'yes' : 'no'}`,
  ];
  if (c.caveats.length) lines.push(`Caveats: ${c.caveats.join('; ')}`);
  if (c.alternatives.length) lines.push(`Alternatives: ${c.alternatives.map((a) => `${a.hypothesisId} ${a.statement} (${a.likelihood.toFixed(2)})`).join('; ')}`);
  if (c.nextEvidenceNeeded.length) lines.push(`Next evidence needed: ${c.nextEvidenceNeeded.join('; ')}`);
  return lines.join('\n');
}

function evidenceIndexSection(state: CaseState): string {
  const live = state.evidence.filter((e) => !e.removed).slice(-MAX_EVIDENCE_IN_INDEX);
  if (live.length === 0) return '## Evidence on file\nNone yet.';
  const lines = live.map((e) => {
    const cited = state.hypotheses.flatMap((h) => h.links.filter((l) => l.evidenceId === e.id).map((l) => `${h.id} ${l.stance}`));
    return `${e.label} (${e.kind}) ${e.title}${cited.length ? ` — ${cited.join(', ')}` : ''}`;
  });
  return ['## Evidence on file', ...lines].join('\n');
}

function scaledBudgets(budgets: MemoryBudgets, room: number): MemoryBudgets {
  const total = budgets.hot + budgets.warm + budgets.cold + budgets.persistent;
  if (room >= total) return budgets;
  const f = Math.max(0, room) / total;
  return {
    hot: Math.floor(budgets.hot * f),
    warm: Math.floor(budgets.warm * f),
    cold: Math.floor(budgets.cold * f),
    persistent: Math.floor(budgets.persistent * f),
  };
}

/** Pure: the investigation context for the coming model call. */
export function buildInvestigationContext(state: CaseState, budget: ContextBudget = { maxTokens: DEFAULT_CONTEXT_TOKENS }): InvestigationContext {
  const count = budget.countTokens ?? estimateTokens;
  const plan = planOodaTurn(state);
  const parts: string[] = [];
  const sections: ContextSection[] = [];
  let used = 0;
  const add = (name: ContextSection['name'], text: string, required: boolean) => {
    const tokens = count(text) + 2;
    if (required || used + tokens <= budget.maxTokens) {
      parts.push(text);
      used += tokens;
      sections.push({ name, tokens, included: true });
    } else {
      parts.push(`[...] (${name} left out for length)`);
      sections.push({ name, tokens, included: false });
    }
  };
  add('state', stateSection(state, plan), true);
  add('this-turn', thisTurnSection(state), true);
  add('hypotheses', hypothesesSection(state), false);
  add('conclusion', conclusionSection(state.conclusion), false);
  const evidenceIndex = evidenceIndexSection(state);
  const indexReserve = count(evidenceIndex) + 2;
  const memoryRoom = budget.maxTokens - used - indexReserve;
  const memory = renderMemory(state.memory, { countTokens: count, budgets: scaledBudgets(budget.memoryBudgets ?? MEMORY_TOKEN_BUDGETS, memoryRoom) });
  if (memory.text) add('memory', `## Memory\n${memory.text}`, false);
  add('evidence-index', evidenceIndex, false);
  const text = parts.join('\n\n');
  return { text, tokens: count(text), sections, plan };
}
