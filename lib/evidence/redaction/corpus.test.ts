import { describe, expect, it } from 'vitest';
import { scoreRedactionCorpus } from '../../../tests/bench/support/redaction-score';
import { SECRET_TYPES } from './secret-types';

// The corpus in tests/fixtures/redaction: realistic logs and configs with planted secrets of
// every type and look-alikes that must stay. Targets from issue 6.
describe('redaction corpus', () => {
  const score = scoreRedactionCorpus();

  it('plants every secret type', () => {
    expect([...score.byType.keys()].sort()).toEqual([...SECRET_TYPES].sort());
  });

  it('finds every planted secret (recall 1.0) with precision of at least 0.95', () => {
    expect(score.missed).toEqual([]);
    expect(score.recall).toBe(1);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('leaves the look-alikes alone', () => {
    expect(score.lookalikes).toBeGreaterThan(80);
    expect(score.lookalikesMasked).toBe(0);
  });
});
