import type { ConfidenceChange, MemorySnapshot, MemoryState, PinnedFact, TurnRecord } from './case-state';
import type { EngineResult, InvestigationEvent } from './events';
import type { TokenCounter } from './token-counter';

/*
 * MemoryManager: the original's hierarchical memory (research §2a `memory_manager.py`).
 * HOT keeps the last turns at full fidelity; turns leaving HOT are folded into WARM snapshots
 * of COMPRESSION_INTERVAL turns (summary, key facts, decisions, confidence changes, evidence);
 * WARM overflow is condensed into COLD; PERSISTENT keeps the facts the agent pinned for the
 * whole case. Snapshots are built from the structured turn record, not by an extra model
 * call, so compression is free, deterministic and works offline.
 */

/** Original `HOT_TIER_SIZE=2`. */
export const HOT_TIER_SIZE = 2;
/** Original compresses every 3 turns (`should_compress`): a WARM snapshot covers 3 turns. */
export const COMPRESSION_INTERVAL = 3;
/** Original: WARM ≤ 3 snapshots, COLD ≤ 5. */
export const WARM_TIER_MAX_SNAPSHOTS = 3;
export const COLD_TIER_MAX_SNAPSHOTS = 5;
/** Original COLD condensing: summary cut to 100 chars, top 3 facts, top 2 decisions. */
export const COLD_SUMMARY_MAX_CHARS = 100;
export const COLD_TOP_FACTS = 3;
export const COLD_TOP_DECISIONS = 2;
/** Ours: WARM snapshot summary length (one short line per turn). */
export const TURN_SUMMARY_MAX_CHARS = 140;
/** Ours: a pinned fact is kept for the whole case; bounded so the state stays small. */
export const MAX_PINNED_FACTS = 40;
export const KEY_FACT_MAX_CHARS = 200;
/** Ours: HOT keeps the engineer's message and the answer up to these lengths (evidence is sent separately). */
export const HOT_USER_TEXT_MAX_CHARS = 800;
export const HOT_AGENT_TEXT_MAX_CHARS = 1500;

export interface MemoryBudgets {
  hot: number;
  warm: number;
  cold: number;
  persistent: number;
}

/**
 * Token budgets per tier. The original used HOT 500, WARM 300, COLD 100, PERSISTENT 100
 * (1,000 tokens). Ours give PERSISTENT more room because every pinned fact must survive the
 * whole case, and HOT enough for two real answers; see docs/BENCHMARKS.md for the effect.
 */
export const MEMORY_TOKEN_BUDGETS: MemoryBudgets = { hot: 900, warm: 450, cold: 200, persistent: 650 };

export function createMemory(): MemoryState {
  return { hot: [], warm: [], cold: [], persistent: [] };
}

function clip(text: string, max: number): string {
  const clean = text.trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

function factKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** First sentence of an answer without Markdown decoration: the extractive turn summary. */
export function summariseAnswer(text: string, max = TURN_SUMMARY_MAX_CHARS): string {
  const plain = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[#>*_`|]+/g, ' ')
    .replace(/\[(.*?)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const sentence = plain.match(/^.*?[.!?](\s|$)/)?.[0] ?? plain;
  return clip(sentence, max);
}

function mergeConfidenceChanges(changes: readonly ConfidenceChange[]): ConfidenceChange[] {
  const byId = new Map<string, ConfidenceChange>();
  for (const c of changes) {
    const seen = byId.get(c.hypothesisId);
    byId.set(c.hypothesisId, seen ? { hypothesisId: c.hypothesisId, from: seen.from, to: c.to } : { ...c });
  }
  return [...byId.values()];
}

function uniqueFacts(facts: readonly string[]): string[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const key = factKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function snapshotFromTurn(turn: TurnRecord): MemorySnapshot {
  return {
    fromTurn: turn.turn,
    toTurn: turn.turn,
    turnCount: 1,
    summary: `T${turn.turn}: ${summariseAnswer(turn.agentText)}`,
    keyFacts: [...turn.keyFacts],
    decisions: [...turn.decisions],
    confidenceChanges: mergeConfidenceChanges(turn.confidenceChanges),
    evidenceLabels: [...turn.evidenceLabels],
  };
}

function mergeSnapshots(a: MemorySnapshot, b: MemorySnapshot): MemorySnapshot {
  return {
    fromTurn: Math.min(a.fromTurn, b.fromTurn),
    toTurn: Math.max(a.toTurn, b.toTurn),
    turnCount: a.turnCount + b.turnCount,
    summary: `${a.summary} ${b.summary}`.trim(),
    keyFacts: uniqueFacts([...a.keyFacts, ...b.keyFacts]),
    decisions: [...a.decisions, ...b.decisions],
    confidenceChanges: mergeConfidenceChanges([...a.confidenceChanges, ...b.confidenceChanges]),
    evidenceLabels: [...new Set([...a.evidenceLabels, ...b.evidenceLabels])],
  };
}

/** Original COLD condensing: short summary, top facts and decisions, largest confidence moves. */
export function condenseSnapshot(s: MemorySnapshot): MemorySnapshot {
  const moves = [...s.confidenceChanges].sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from));
  return {
    ...s,
    summary: clip(s.summary, COLD_SUMMARY_MAX_CHARS),
    keyFacts: s.keyFacts.slice(0, COLD_TOP_FACTS),
    decisions: s.decisions.slice(0, COLD_TOP_DECISIONS),
    confidenceChanges: moves.slice(0, 2),
  };
}

export interface TurnMemoryInput {
  record: TurnRecord;
  /** Facts the agent pinned this turn: kept in PERSISTENT for the rest of the case. */
  pinnedFacts: readonly string[];
}

/** Adds a finished turn to memory and compresses older turns. Pure. */
export function recordTurn(memory: MemoryState, input: TurnMemoryInput): EngineResult<MemoryState> {
  const next: MemoryState = structuredClone(memory);
  const events: InvestigationEvent[] = [];
  const known = new Set(next.persistent.map((f) => factKey(f.text)));
  for (const raw of input.pinnedFacts) {
    const text = clip(raw, KEY_FACT_MAX_CHARS);
    if (!text || known.has(factKey(text))) continue;
    known.add(factKey(text));
    next.persistent.push({ text, turn: input.record.turn });
  }
  if (next.persistent.length > MAX_PINNED_FACTS) next.persistent.splice(0, next.persistent.length - MAX_PINNED_FACTS);

  const record = input.record;
  next.hot.push({
    ...record,
    userText: clip(record.userText, HOT_USER_TEXT_MAX_CHARS),
    agentText: clip(record.agentText, HOT_AGENT_TEXT_MAX_CHARS),
    keyFacts: uniqueFacts(record.keyFacts.map((f) => clip(f, KEY_FACT_MAX_CHARS)).filter((f) => !known.has(factKey(f)))),
  });

  while (next.hot.length > HOT_TIER_SIZE) {
    const leaving = snapshotFromTurn(next.hot.shift()!);
    const open = next.warm.at(-1);
    if (open && open.turnCount < COMPRESSION_INTERVAL) next.warm[next.warm.length - 1] = mergeSnapshots(open, leaving);
    else next.warm.push(leaving);
    const current = next.warm.at(-1)!;
    if (current.turnCount === COMPRESSION_INTERVAL) {
      events.push({ type: 'memory-compressed', tier: 'warm', fromTurn: current.fromTurn, toTurn: current.toTurn });
    }
  }
  while (next.warm.length > WARM_TIER_MAX_SNAPSHOTS) {
    const demoted = condenseSnapshot(next.warm.shift()!);
    next.cold.push(demoted);
    events.push({ type: 'memory-compressed', tier: 'cold', fromTurn: demoted.fromTurn, toTurn: demoted.toTurn });
  }
  while (next.cold.length > COLD_TIER_MAX_SNAPSHOTS) {
    const [first, second, ...rest] = next.cold;
    next.cold = [condenseSnapshot(mergeSnapshots(first!, second!)), ...rest];
  }
  return { state: next, events };
}

export interface MemoryRenderOptions {
  countTokens: TokenCounter;
  budgets?: MemoryBudgets;
}

export interface TierReport {
  tokens: number;
  budget: number;
  items: number;
  dropped: number;
}

export interface MemoryRender {
  text: string;
  tokens: number;
  tiers: Record<keyof MemoryBudgets, TierReport>;
}

function formatChanges(changes: readonly ConfidenceChange[]): string {
  return changes.map((c) => `${c.hypothesisId} ${c.from.toFixed(2)}→${c.to.toFixed(2)}`).join(', ');
}

function formatSnapshot(s: MemorySnapshot): string {
  const range = s.fromTurn === s.toTurn ? `Turn ${s.fromTurn}` : `Turns ${s.fromTurn}–${s.toTurn}`;
  const lines = [`[${range}] ${s.summary}`];
  if (s.keyFacts.length) lines.push(`  Facts: ${s.keyFacts.join('; ')}`);
  if (s.decisions.length) lines.push(`  Decisions: ${s.decisions.join('; ')}`);
  if (s.confidenceChanges.length) lines.push(`  Confidence: ${formatChanges(s.confidenceChanges)}`);
  if (s.evidenceLabels.length) lines.push(`  Evidence: ${s.evidenceLabels.join(', ')}`);
  return lines.join('\n');
}

function formatHotTurn(t: TurnRecord, maxChars: number): string {
  const lines = [`[Turn ${t.turn} · ${t.phase}]`, `Engineer: ${clip(t.userText, maxChars)}`, `FaultMaven: ${clip(t.agentText, maxChars)}`];
  if (t.keyFacts.length) lines.push(`Facts: ${t.keyFacts.join('; ')}`);
  if (t.decisions.length) lines.push(`Decisions: ${t.decisions.join('; ')}`);
  if (t.confidenceChanges.length) lines.push(`Confidence: ${formatChanges(t.confidenceChanges)}`);
  return lines.join('\n');
}

/** Keeps the newest items that fit; returns them oldest first. */
function fitNewest(items: readonly string[], budget: number, count: TokenCounter): { kept: string[]; tokens: number } {
  const kept: string[] = [];
  let tokens = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const cost = count(items[i]!) + 1;
    if (tokens + cost > budget) break;
    kept.unshift(items[i]!);
    tokens += cost;
  }
  return { kept, tokens };
}

/**
 * Renders the tiers under their token budgets, with the original's section headings.
 * Pinned facts are never dropped: if they outgrow their budget the excess is taken from COLD,
 * then WARM, so the total stays within the sum of the budgets whenever that is possible.
 */
export function renderMemory(memory: MemoryState, options: MemoryRenderOptions): MemoryRender {
  const count = options.countTokens;
  const budgets = { ...(options.budgets ?? MEMORY_TOKEN_BUDGETS) };
  const sections: string[] = [];

  const persistentLines = memory.persistent.map((f: PinnedFact) => `- ${f.text} (T${f.turn})`);
  const persistentTokens = persistentLines.reduce((sum, line) => sum + count(line) + 1, 0);
  let overflow = Math.max(0, persistentTokens - budgets.persistent);
  const fromCold = Math.min(overflow, budgets.cold);
  budgets.cold -= fromCold;
  overflow -= fromCold;
  budgets.warm = Math.max(0, budgets.warm - overflow);
  if (persistentLines.length) sections.push(['=== Key Learnings ===', ...persistentLines].join('\n'));

  // HOT: full fidelity when it fits; otherwise the texts are shortened step by step.
  let hotText = '';
  let hotTokens = 0;
  if (memory.hot.length) {
    for (const maxChars of [HOT_AGENT_TEXT_MAX_CHARS, 900, 600, 400, 250, 150]) {
      hotText = memory.hot.map((t) => formatHotTurn(t, maxChars)).join('\n\n');
      hotTokens = count(hotText);
      if (hotTokens <= budgets.hot) break;
    }
    sections.push(`=== Recent Progress ===\n${hotText}`);
  }

  const warm = fitNewest(memory.warm.map(formatSnapshot), budgets.warm, count);
  if (warm.kept.length) sections.push(['=== Earlier Investigation ===', ...warm.kept].join('\n'));
  const cold = fitNewest(memory.cold.map(formatSnapshot), budgets.cold, count);
  if (cold.kept.length) sections.push(['=== Background Context ===', ...cold.kept].join('\n'));

  const text = sections.join('\n\n');
  return {
    text,
    tokens: text ? count(text) : 0,
    tiers: {
      persistent: { tokens: persistentTokens, budget: budgets.persistent, items: persistentLines.length, dropped: 0 },
      hot: { tokens: hotTokens, budget: budgets.hot, items: memory.hot.length, dropped: 0 },
      warm: { tokens: warm.tokens, budget: budgets.warm, items: warm.kept.length, dropped: memory.warm.length - warm.kept.length },
      cold: { tokens: cold.tokens, budget: budgets.cold, items: cold.kept.length, dropped: memory.cold.length - cold.kept.length },
    },
  };
}
