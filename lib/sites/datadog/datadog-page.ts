import { clean, notices } from '../dom';
import { rangeFromEpochMs, rangeFromRelativeLabel } from '../time-range';
import type { AbsoluteTimeRange, EntityRef } from '../types';
import { entityTypeForName } from '../products';

/** Datadog pieces shared by its page kinds. Its UI is built on the DRUIDS design system (`druids_…` classes). */

/** `from_ts`/`to_ts` (epoch ms) win; otherwise the time picker's label ("Past 15 Minutes"). */
export function datadogTimeRange(doc: Document, url: URL, now: Date): AbsoluteTimeRange | undefined {
  const from = Number(url.searchParams.get('from_ts'));
  const to = Number(url.searchParams.get('to_ts'));
  if (from && to) {
    const live = url.searchParams.get('live') === 'true';
    // A live view keeps sliding: the window is "the same length, ending now".
    if (live) return rangeFromEpochMs(now.getTime() - (to - from), now.getTime(), `live, ${Math.round((to - from) / 60_000)} min`);
    return rangeFromEpochMs(from, to, `${url.searchParams.get('from_ts')} → ${url.searchParams.get('to_ts')}`);
  }
  const label = clean(doc.querySelector('[data-testid="time-picker"], [class*="druids_time_date-range-picker"]')?.textContent);
  return label ? rangeFromRelativeLabel(label, now) : undefined;
}

export function datadogNotices(doc: Document): string[] {
  return notices(doc, ['[class*="druids_feedback_callout--danger"]', '[class*="druids_feedback_callout--warning"]', '[role="alert"]']);
}

/** Entities named by `service:checkout env:prod kube_namespace:payments` tags or query terms. */
export function entitiesFromTags(text: string): EntityRef[] {
  const out: EntityRef[] = [];
  for (const m of text.matchAll(/\b([a-z_]+):([\w.\-/*]+)/g)) {
    const type = entityTypeForName(m[1]!);
    if (type && !m[2]!.includes('*')) out.push({ type, name: m[2]! });
  }
  return out;
}
