import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isNearBottom, rowOffsets, visibleRange } from '@/lib/ui/virtual-window';

/** Short lists render whole: nothing to gain, and find-in-page sees everything. */
export const VIRTUALIZE_FROM = 120;
const ESTIMATED_ROW_PX = 120;
const OVERSCAN_PX = 800;
const FIRST_FRAME_OVERSCAN_PX = 200;

interface VirtualListProps<T> {
  items: readonly T[];
  keyOf: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Rendered after the last row (inside the scroll area). */
  footer?: ReactNode;
  /** Changes whenever the last row grows (streaming): keeps the view on the tail. */
  growth?: number;
  /** Likely height of a row before it is measured (px). */
  estimateHeight?: (item: T) => number;
  className?: string;
  label: string;
  testId?: string;
}

/**
 * A scrollable, keyboard-focusable list that renders only the rows near the viewport once the
 * list is long, measures each rendered row, and sticks to the bottom while the reader is there
 * (new messages, streamed text). Scrolling up to read stops the following; scrolling back to
 * the bottom resumes it.
 */
export function VirtualList<T>({ items, keyOf, renderItem, footer, growth, estimateHeight, className = '', label, testId }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  // Following the tail: the window is anchored to the bottom, not to scrollTop. Anchoring to
  // scrollTop while sticking to the bottom would loop: real row heights replace estimates,
  // the bottom moves, scrollTop follows, and a different window renders.
  const [following, setFollowing] = useState(true);
  // Measured row heights by key; mutated by the observer, which then bumps measureVersion.
  const [heights] = useState(() => new Map<string, number>());
  const [measureVersion, setMeasureVersion] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  // A short list still paints its first frame windowed (the rows in view, newest first), then
  // renders whole once the browser is idle: the case shows up sooner, and find-in-page and
  // screen readers get every message a moment later.
  const [settled, setSettled] = useState(false);
  const long = items.length >= VIRTUALIZE_FROM;
  const virtual = long || !settled;
  useEffect(() => {
    if (settled || long) return;
    const settle = () => setSettled(true);
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(settle, { timeout: 300 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(settle, 1);
    return () => clearTimeout(timer);
  }, [settled, long]);

  const keys = useMemo(() => items.map(keyOf), [items, keyOf]);
  // A new message (sent or received) brings the view to the bottom, wherever the reader was.
  const lastKey = keys[keys.length - 1];
  const [seenLastKey, setSeenLastKey] = useState(lastKey);
  if (seenLastKey !== lastKey) {
    setSeenLastKey(lastKey);
    setFollowing(true);
  }

  // measureVersion: recompute offsets after rows report new heights.
  const offsets = useMemo(
    () => rowOffsets(keys, heights, estimateHeight ? (i) => estimateHeight(items[i]!) : ESTIMATED_ROW_PX),
    [keys, heights, measureVersion, estimateHeight, items], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const total = offsets[items.length] ?? 0;
  const viewportHeight = viewport.height || 800;
  const range = !virtual
    ? { start: 0, end: items.length }
    : visibleRange(offsets, following ? Math.max(0, total - viewportHeight) : viewport.top, viewportHeight, long ? OVERSCAN_PX : FIRST_FRAME_OVERSCAN_PX);

  // One observer for all rows: it reports each row's height when first observed and whenever
  // it changes (a streamed answer, an expanded block).
  const observer = useMemo(() => {
    if (typeof ResizeObserver === 'undefined') return null;
    return new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const key = (entry.target as HTMLElement).dataset.rowKey;
        if (!key) continue;
        const height = (entry.target as HTMLElement).offsetHeight;
        if (heights.get(key) !== height) {
          heights.set(key, height);
          changed = true;
        }
      }
      if (changed) setMeasureVersion((v) => v + 1);
    });
  }, [heights]);
  useEffect(() => () => observer?.disconnect(), [observer]);

  const measureRow = useCallback(
    (node: HTMLDivElement) => {
      observer?.observe(node);
      // React 19 ref cleanup: rows scrolled out of the window are no longer observed.
      return () => observer?.unobserve(node);
    },
    [observer],
  );

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setFollowing(isNearBottom(el.scrollTop, el.clientHeight, el.scrollHeight));
    if (virtual) setViewport({ top: el.scrollTop, height: el.clientHeight });
  }, [virtual]);

  // After every layout change (rows added or measured, streamed text), stay on the tail if following.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following) el.scrollTop = el.scrollHeight;
  }, [following, offsets, growth, range.start, range.end]);

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    // The panel is resized (or docked differently): re-window for the new height.
    const resize = new ResizeObserver(() => setViewport({ top: el.scrollTop, height: el.clientHeight }));
    resize.observe(el);
    return () => resize.disconnect();
  }, []);

  const top = virtual ? (offsets[range.start] ?? 0) : 0;
  const bottom = virtual ? Math.max(0, total - (offsets[range.end] ?? total)) : 0;

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="log"
      aria-label={label}
      aria-live="polite"
      data-testid={testId}
      data-virtual={long}
      data-settled={!virtual || long}
      className={`min-h-0 flex-1 overflow-y-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset ${className}`}
    >
      {/* Row spacing is padding inside each measured row, so measured heights add up exactly. */}
      <div className="p-3">
        {top > 0 && <div style={{ height: top }} aria-hidden />}
        {items.slice(range.start, range.end).map((item, i) => {
          const key = keys[range.start + i]!;
          return (
            <div key={key} ref={measureRow} data-row-key={key} className="pb-3">
              {renderItem(item)}
            </div>
          );
        })}
        {bottom > 0 && <div style={{ height: bottom }} aria-hidden />}
        {footer}
      </div>
    </div>
  );
}
