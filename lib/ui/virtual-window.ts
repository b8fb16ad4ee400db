/*
 * Windowing for long conversations: only the rows near the viewport are in the DOM. Rows have
 * very different heights (a one-line question, a long answer with tables), so each row's
 * height is measured once rendered and an estimate stands in until then.
 */

export interface WindowRange {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
}

/** offsets[i] = top of row i; offsets[n] = total height. `estimate`: for rows not measured yet. */
export function rowOffsets(keys: readonly string[], measured: ReadonlyMap<string, number>, estimate: number | ((index: number) => number)): Float64Array {
  const offsets = new Float64Array(keys.length + 1);
  const guess = typeof estimate === 'number' ? () => estimate : estimate;
  for (let i = 0; i < keys.length; i++) offsets[i + 1] = offsets[i]! + (measured.get(keys[i]!) ?? guess(i));
  return offsets;
}

/** A message's likely height before it is measured: its text wrapped in a narrow panel. */
export function estimateTextHeight(chars: number, charsPerLine = 48, linePx = 21, chromePx = 44): number {
  return chromePx + Math.max(1, Math.ceil(chars / charsPerLine)) * linePx;
}

/** Index of the row containing `y` (binary search over the offsets). */
export function rowAt(offsets: Float64Array, y: number): number {
  const rows = offsets.length - 1;
  if (rows <= 0) return 0;
  let lo = 0;
  let hi = rows - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The rows to render for a viewport, with `overscan` pixels above and below. */
export function visibleRange(offsets: Float64Array, scrollTop: number, viewportHeight: number, overscan: number): WindowRange {
  const rows = offsets.length - 1;
  if (rows <= 0) return { start: 0, end: 0 };
  const start = rowAt(offsets, Math.max(0, scrollTop - overscan));
  const end = Math.min(rows, rowAt(offsets, scrollTop + viewportHeight + overscan) + 1);
  return { start, end };
}

/** Close enough to the bottom to keep following new text (a terminal's tail). */
export function isNearBottom(scrollTop: number, clientHeight: number, scrollHeight: number, slack = 48): boolean {
  return scrollHeight - scrollTop - clientHeight <= slack;
}
