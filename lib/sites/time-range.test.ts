import { describe, expect, it } from 'vitest';
import { parseTimeExpression, rangeFromExpressions, rangeFromRelativeLabel } from './time-range';

const NOW = new Date('2026-11-24T13:37:42.500Z');

describe('time ranges', () => {
  it('resolves Grafana relative expressions against the capture time', () => {
    expect(rangeFromExpressions('now-6h', 'now', NOW)).toEqual({
      from: '2026-11-24T07:37:42.500Z',
      to: '2026-11-24T13:37:42.500Z',
      raw: 'now-6h → now',
    });
  });

  it('rounds to the start of a unit for "from" and its end for "to"', () => {
    const r = rangeFromExpressions('now-1d/d', 'now-1d/d', NOW)!;
    expect(r.from).toBe('2026-11-23T00:00:00.000Z');
    expect(r.to).toBe('2026-11-23T23:59:59.999Z');
  });

  it('accepts epoch seconds, epoch milliseconds and zone-less ISO dates as UTC', () => {
    expect(parseTimeExpression('1764000000000', NOW)).toBe(1764000000000);
    expect(parseTimeExpression('1764000000', NOW)).toBe(1764000000000);
    expect(parseTimeExpression('2026-11-24 10:00:00', NOW)).toBe(Date.parse('2026-11-24T10:00:00Z'));
  });

  it('rejects nonsense and reversed ranges instead of guessing', () => {
    expect(parseTimeExpression('yesterday-ish', NOW)).toBeNull();
    expect(rangeFromExpressions('now', 'now-1h', NOW)).toBeUndefined();
  });

  it('reads console labels such as "Last 1 hour" and "3h"', () => {
    expect(rangeFromRelativeLabel('Last 1 hour', NOW)?.from).toBe('2026-11-24T12:37:42.500Z');
    expect(rangeFromRelativeLabel('Past 15 Minutes', NOW)?.from).toBe('2026-11-24T13:22:42.500Z');
    expect(rangeFromRelativeLabel('3h', NOW)?.from).toBe('2026-11-24T10:37:42.500Z');
    expect(rangeFromRelativeLabel('forever', NOW)).toBeUndefined();
  });
});
