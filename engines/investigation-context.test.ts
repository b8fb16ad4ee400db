import { describe, expect, it } from 'vitest';
import { hypothesis, investigatingState, withHypotheses } from '@/tests/fixtures/investigations/state-builders';
import { recordTurn } from './memory-manager';
import { buildInvestigationContext } from './investigation-context';
import { estimateTokens } from './token-counter';

function richState() {
  const state = withHypotheses(
    investigatingState({ phase: 'VALIDATION', turn: 12 }),
    hypothesis({ id: 'H1', statement: 'Pool too small', likelihood: 0.65, links: [{ evidenceId: 'db-1', stance: 'supports', confidence: 1, note: 'pool 10/10', turn: 3 }] }),
    hypothesis({ id: 'H2', statement: 'Slow DB', status: 'refuted', statusReason: 'CPU 18%' }),
  );
  state.evidence = [{ id: 'db-1', label: 'E1', title: 'Hikari logs', kind: 'file', addedTurn: 3, removed: false }];
  for (let n = 1; n <= 12; n++) {
    state.memory = recordTurn(state.memory, {
      record: { turn: n, phase: 'VALIDATION', userText: `msg ${n}`, agentText: `Answer ${n}. ${'detail '.repeat(60)}`, keyFacts: [`fact ${n}`], decisions: [], confidenceChanges: [], evidenceLabels: [] },
      pinnedFacts: n === 2 ? ['Pool max is 10 since v2.3.1'] : [],
    }).state;
  }
  return state;
}

describe('buildInvestigationContext', () => {
  it('describes phase goal, OODA focus, hypotheses with evidence, memory tiers and the evidence index', () => {
    const { text, sections } = buildInvestigationContext(richState(), { maxTokens: 4000 });
    expect(text).toContain('Phase: VALIDATION (Validation), iteration 1 of 3–6 expected');
    expect(text).toContain('To complete this phase: One hypothesis is validated by evidence');
    expect(text).toContain('OODA intensity: medium');
    expect(text).toContain('H1 [active · other · 0.65] Pool too small — evidence: E1 supports (pool 10/10)');
    expect(text).toContain('H2 [refuted · other · 0.50] Slow DB — CPU 18%');
    expect(text).toContain('=== Key Learnings ===\n- Pool max is 10 since v2.3.1 (T2)');
    expect(text).toContain('E1 (file) Hikari logs — H1 supports');
    expect(text).toContain('Next hypothesis id: H3.');
    expect(sections.every((s) => s.included)).toBe(true);
  });

  it('fills sections in priority order and marks what it left out', () => {
    const small = buildInvestigationContext(richState(), { maxTokens: 250, countTokens: estimateTokens });
    expect(small.sections.find((s) => s.name === 'state')?.included).toBe(true);
    expect(small.sections.some((s) => !s.included)).toBe(true);
    expect(small.text).toMatch(/\[\.\.\.\] \(\S+ left out for length\)/);
    const medium = buildInvestigationContext(richState(), { maxTokens: 1500, countTokens: estimateTokens });
    expect(medium.tokens).toBeLessThanOrEqual(1500);
    expect(medium.text).toContain('Pool max is 10 since v2.3.1');
  });

  it('tells the model what it owes in inquiry and during a pending handshake', () => {
    const state = investigatingState({ phase: 'DOCUMENT' });
    state.pendingTransition = { toStatus: 'resolved', reason: 'fixed', summary: 's', evidenceIds: [], proposedTurn: 4 };
    const text = buildInvestigationContext(state).text;
    expect(text).toContain('You proposed to mark the case resolved (fixed)');
    expect(text).toContain('Write the incident summary');
  });
});
