import { clean, notices } from '../dom';
import { rangeFromExpressions, rangeFromRelativeLabel } from '../time-range';
import type { AbsoluteTimeRange } from '../types';

/** Grafana pieces shared by its page kinds. */

/** `Checkout - Dashboards - Grafana` → `Checkout`. */
export function grafanaTitle(doc: Document, fallback: string): string {
  const header = clean(doc.querySelector('[data-testid="data-testid Page header"] h1, [data-testid="data-testid dashboard title"]')?.textContent);
  if (header) return header;
  const fromTitle = clean(doc.title).split(' - ')[0];
  return fromTitle || fallback;
}

/** The URL's `from`/`to` win; otherwise the time picker's label ("Last 6 hours"); Grafana's default is 6 hours. */
export function grafanaTimeRange(doc: Document, url: URL, now: Date): AbsoluteTimeRange | undefined {
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  if (from && to) return rangeFromExpressions(from, to, now);
  const picker = clean(doc.querySelector('[data-testid="data-testid TimePicker Open Button"]')?.textContent);
  if (picker) return rangeFromRelativeLabel(picker, now);
  return rangeFromExpressions('now-6h', 'now', now);
}

export function grafanaNotices(doc: Document): string[] {
  return notices(doc, [
    '[data-testid^="data-testid Alert error"]',
    '[data-testid^="data-testid Alert warning"]',
    '[role="alert"]',
  ]);
}
