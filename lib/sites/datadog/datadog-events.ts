import { clean, fieldValue, rowText } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import type { SiteAdapter } from '../types';
import { datadogNotices, datadogTimeRange, entitiesFromTags } from './datadog-page';

export const datadogEvents: SiteAdapter = {
  kind: 'datadog-events',
  product: 'datadog',
  label: 'Datadog events explorer',
  exampleUrls: [
    'https://app.datadoghq.com/event/explorer?query=service%3Acheckout%20source%3Akubernetes&from_ts=1764000000000&to_ts=1764003600000&live=false',
    'https://app.datadoghq.com/event/stream',
  ],
  matchesUrl: (url) => /(^|\/)event\/(explorer|stream)\/?$/.test(url.pathname),
  extract(doc, url, now) {
    const query = fieldValue(doc.querySelector('[data-testid="search-bar"] textarea, [data-testid="search-bar"] input')) || url.searchParams.get('query') || '';
    const events = Array.from(doc.querySelectorAll('[data-testid="events-list"] [role="row"]'))
      .filter((r) => r.querySelector('[role="gridcell"]'))
      .map(rowText);
    const empty = clean(doc.querySelector('[data-testid="events-list"] [class*="empty"]')?.textContent);
    const notices = [...datadogNotices(doc), ...(empty ? [empty] : [])];
    const timeRange = datadogTimeRange(doc, url, now);
    const ents = dedupeEntities([...entitiesFromTags(query), ...events.flatMap((e) => entitiesFromTags(e))]);
    const keyValues = { 'events shown': String(events.length) };
    const text = new EvidenceText('Datadog events', url.href)
      .notices(notices)
      .summary(undefined, timeRange, ents)
      .queries(query ? [query] : [])
      .section(`Events (${events.length})`, events.map((e) => `- ${e}`).join('\n'))
      .toString();
    return { title: `Datadog events: ${query || 'all'}`, timeRange, queries: query ? [query] : [], entities: ents, keyValues, notices, text };
  },
};
