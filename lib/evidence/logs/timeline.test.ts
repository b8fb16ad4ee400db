import { describe, expect, it } from 'vitest';
import { MINUTE_MS, Timeline } from './timeline';

describe('Timeline', () => {
  it('counts lines and errors per minute', () => {
    const t = new Timeline();
    t.add(0, false);
    t.add(30_000, true);
    t.add(MINUTE_MS * 3 + 5, true);
    expect(t.toArray()).toEqual([
      { start: 0, lines: 2, errors: 1 },
      { start: MINUTE_MS * 3, lines: 1, errors: 1 },
    ]);
    expect(t.bucketMs).toBe(MINUTE_MS);
  });

  it('widens its buckets rather than growing past the cap, keeping every count', () => {
    const t = new Timeline(4);
    for (let minute = 0; minute < 10; minute++) t.add(minute * MINUTE_MS, minute % 2 === 0);
    const buckets = t.toArray();
    expect(buckets.length).toBeLessThanOrEqual(4);
    expect(t.bucketMs).toBe(4 * MINUTE_MS);
    expect(buckets.reduce((s, b) => s + b.lines, 0)).toBe(10);
    expect(buckets.reduce((s, b) => s + b.errors, 0)).toBe(5);
  });
});
