import { describe, expect, it } from 'vitest';
import { groupingAccuracy } from './grouping-accuracy';

describe('groupingAccuracy', () => {
  it('is 1 when groups match exactly, whatever the labels', () => {
    expect(groupingAccuracy([7, 7, 9, 9, 4], ['E1', 'E1', 'E2', 'E2', 'E3'])).toBe(1);
  });

  it('counts a merged group as wrong for every line in it', () => {
    // E1 and E2 put together: all four lines are wrong, E3 is right.
    expect(groupingAccuracy([1, 1, 1, 1, 2], ['E1', 'E1', 'E2', 'E2', 'E3'])).toBeCloseTo(1 / 5);
  });

  it('counts a split group as wrong for every line of the true group', () => {
    // E1 split in two: its three lines are wrong even though each part is "pure".
    expect(groupingAccuracy([1, 1, 2, 3], ['E1', 'E1', 'E1', 'E2'])).toBeCloseTo(1 / 4);
  });

  it('handles empty input and refuses mismatched lengths', () => {
    expect(groupingAccuracy([], [])).toBe(1);
    expect(() => groupingAccuracy([1], [])).toThrow(/1 predictions for 0 lines/);
  });
});
