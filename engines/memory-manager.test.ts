import { describe, expect, it } from 'vitest';
import type { TurnRecord } from './case-state';
import {
  COLD_TIER_MAX_SNAPSHOTS,
  createMemory,
  recordTurn,
  renderMemory,
  summariseAnswer,
  type MemoryBudgets,
} from './memory-manager';
import { estimateTokens } from './token-counter';

function turn(n: number, extra: Partial<TurnRecord> = {}): TurnRecord {
  return {
    turn: n,
    phase: 'VALIDATION',
    userText: `message ${n}`,
    agentText: `Finding ${n} is important. More detail follows here.`,
    keyFacts: [`fact ${n}a`, `fact ${n}b`, `fact ${n}c`, `fact ${n}d`],
    decisions: [`decision ${n}a`, `decision ${n}b`, `decision ${n}c`],
    confidenceChanges: [{ hypothesisId: 'H1', from: 0.5, to: 0.5 + n / 100 }],
    evidenceLabels: [`E${n}`],
    ...extra,
  };
}

function run(turns: number) {
  let memory = createMemory();
  const events = [];
  for (let n = 1; n <= turns; n++) {
    const result = recordTurn(memory, { record: turn(n), pinnedFacts: n % 5 === 0 ? [`pinned ${n}`] : [] });
    memory = result.state;
    events.push(...result.events);
  }
  return { memory, events };
}

describe('recordTurn', () => {
  it('keeps the last two turns hot and folds older ones into warm snapshots of three turns', () => {
    const { memory, events } = run(5);
    expect(memory.hot.map((t) => t.turn)).toEqual([4, 5]);
    expect(memory.warm).toHaveLength(1);
    expect(memory.warm[0]).toMatchObject({ fromTurn: 1, toTurn: 3, turnCount: 3 });
    expect(memory.warm[0]!.summary).toBe('T1: Finding 1 is important. T2: Finding 2 is important. T3: Finding 3 is important.');
    expect(memory.warm[0]!.confidenceChanges).toEqual([{ hypothesisId: 'H1', from: 0.5, to: 0.53 }]);
    expect(events).toEqual([{ type: 'memory-compressed', tier: 'warm', fromTurn: 1, toTurn: 3 }]);
  });

  it('condenses warm overflow into cold (100-char summary, top 3 facts, top 2 decisions) and bounds cold', () => {
    const { memory } = run(40);
    expect(memory.warm).toHaveLength(3);
    expect(memory.cold.length).toBeLessThanOrEqual(COLD_TIER_MAX_SNAPSHOTS);
    for (const snapshot of memory.cold) {
      expect(snapshot.summary.length).toBeLessThanOrEqual(100);
      expect(snapshot.keyFacts.length).toBeLessThanOrEqual(3);
      expect(snapshot.decisions.length).toBeLessThanOrEqual(2);
    }
    // Nothing is silently lost from the turn range: cold and warm together still span turn 1.
    expect(memory.cold[0]!.fromTurn).toBe(1);
    expect(memory.persistent.map((f) => f.text)).toEqual(['pinned 5', 'pinned 10', 'pinned 15', 'pinned 20', 'pinned 25', 'pinned 30', 'pinned 35', 'pinned 40']);
  });

  it('keeps pinned facts once, and out of the turn facts', () => {
    let memory = recordTurn(createMemory(), { record: turn(1, { keyFacts: ['Pool max is 10'] }), pinnedFacts: ['Pool max is 10'] }).state;
    memory = recordTurn(memory, { record: turn(2, { keyFacts: [] }), pinnedFacts: ['pool  max is 10'] }).state;
    expect(memory.persistent).toEqual([{ text: 'Pool max is 10', turn: 1 }]);
    expect(memory.hot[0]!.keyFacts).toEqual([]);
  });

  it('does not mutate the memory it was given', () => {
    const before = createMemory();
    recordTurn(before, { record: turn(1), pinnedFacts: ['x'] });
    expect(before).toEqual(createMemory());
  });
});

describe('renderMemory', () => {
  it('uses the original section headings and the injected token counter', () => {
    const { memory } = run(20);
    let calls = 0;
    const render = renderMemory(memory, { countTokens: (t) => (calls++, estimateTokens(t)) });
    expect(calls).toBeGreaterThan(0);
    expect(render.text.split('\n').filter((l) => l.startsWith('==='))).toEqual([
      '=== Key Learnings ===',
      '=== Recent Progress ===',
      '=== Earlier Investigation ===',
      '=== Background Context ===',
    ]);
  });

  it('fits each tier into its budget by dropping the oldest snapshots and shortening hot turns', () => {
    let memory = run(30).memory;
    memory = { ...memory, hot: memory.hot.map((t) => ({ ...t, agentText: 'long answer '.repeat(200) })) };
    const budgets: MemoryBudgets = { hot: 200, warm: 60, cold: 30, persistent: 200 };
    const render = renderMemory(memory, { countTokens: estimateTokens, budgets });
    expect(render.tiers.hot.tokens).toBeLessThanOrEqual(200);
    expect(render.tiers.warm.tokens).toBeLessThanOrEqual(60);
    expect(render.tiers.warm.dropped).toBeGreaterThan(0);
    expect(render.tiers.cold.tokens).toBeLessThanOrEqual(30);
  });

  it('never drops a pinned fact; an over-full persistent tier borrows from cold, then warm', () => {
    let memory = run(12).memory;
    memory = { ...memory, persistent: Array.from({ length: 20 }, (_, i) => ({ text: `pinned fact number ${i} with some words`, turn: i })) };
    const render = renderMemory(memory, { countTokens: estimateTokens, budgets: { hot: 300, warm: 200, cold: 100, persistent: 50 } });
    for (let i = 0; i < 20; i++) expect(render.text).toContain(`pinned fact number ${i} with some words`);
    expect(render.tiers.cold.budget).toBe(0);
    expect(render.tiers.warm.budget).toBeLessThan(200);
  });
});

describe('summariseAnswer', () => {
  it('takes the first sentence without Markdown and code', () => {
    expect(summariseAnswer('## Result\n\n**The pool** is full [E2]. Then more.')).toBe('Result The pool is full [E2].');
    expect(summariseAnswer('```\nkubectl get pods\n```\nRun it.')).toBe('Run it.');
  });
});
