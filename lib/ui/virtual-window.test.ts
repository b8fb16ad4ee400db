import { describe, expect, it } from 'vitest';
import { estimateTextHeight, isNearBottom, rowAt, rowOffsets, visibleRange } from './virtual-window';

const keys = Array.from({ length: 1000 }, (_, i) => `m${i}`);

describe('virtual window', () => {
  it('uses measured heights where known and the estimate elsewhere', () => {
    const offsets = rowOffsets(['a', 'b', 'c'], new Map([['b', 300]]), 50);
    expect([...offsets]).toEqual([0, 50, 350, 400]);
    expect([...rowOffsets(['a', 'b'], new Map(), (i) => (i + 1) * 10)]).toEqual([0, 10, 30]);
  });

  it('estimates taller rows for longer texts', () => {
    expect(estimateTextHeight(10)).toBe(65);
    expect(estimateTextHeight(960)).toBe(44 + 20 * 21);
  });

  it('finds the row under a position, edges included', () => {
    const offsets = rowOffsets(keys, new Map(), 100);
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 99.9)).toBe(0);
    expect(rowAt(offsets, 100)).toBe(1);
    expect(rowAt(offsets, 1e9)).toBe(999);
  });

  it('renders only the rows around the viewport of a long conversation', () => {
    const offsets = rowOffsets(keys, new Map(), 100);
    expect(visibleRange(offsets, 50_000, 800, 400)).toEqual({ start: 496, end: 513 });
    // At the bottom the range ends at the last row.
    const bottom = visibleRange(offsets, offsets[1000]! - 800, 800, 400);
    expect(bottom.end).toBe(1000);
    expect(bottom.end - bottom.start).toBeLessThan(20);
    expect(visibleRange(rowOffsets([], new Map(), 100), 0, 800, 400)).toEqual({ start: 0, end: 0 });
  });

  it('knows when the reader is following the tail', () => {
    expect(isNearBottom(1000, 500, 1520)).toBe(true);
    expect(isNearBottom(500, 500, 1520)).toBe(false);
  });
});
