import { clean, fieldValue, rowText } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import type { SiteAdapter } from '../types';
import { datadogNotices, datadogTimeRange, entitiesFromTags } from './datadog-page';

const MAX_LINES = 200;

export const datadogLogs: SiteAdapter = {
  kind: 'datadog-logs',
  product: 'datadog',
  label: 'Datadog logs explorer',
  exampleUrls: [
    'https://app.datadoghq.com/logs?query=service%3Acheckout%20status%3Aerror&from_ts=1764000000000&to_ts=1764000900000&live=true',
    'https://app.datadoghq.eu/logs?query=env%3Aprod',
  ],
  matchesUrl: (url) => /(^|\/)logs\/?$/.test(url.pathname),
  extract(doc, url, now) {
    const query = fieldValue(doc.querySelector('[data-testid="search-bar"] textarea, [data-testid="search-bar"] input')) || url.searchParams.get('query') || '';
    const facets = Array.from(doc.querySelectorAll('[data-testid="facet"]')).flatMap((f) => {
      const name = clean(f.querySelector('[data-testid="facet-name"]')?.textContent);
      const values = Array.from(f.querySelectorAll('[data-testid="facet-value"]')).map((v) => clean(v.textContent));
      return name && values.length ? [`${name}: ${values.slice(0, 10).join(', ')}`] : [];
    });
    const lines = Array.from(doc.querySelectorAll('[data-testid="logs-list"] [role="row"]'))
      .filter((r) => r.querySelector('[role="gridcell"], [role="cell"]'))
      .map(rowText)
      .filter(Boolean);
    const count = clean(doc.querySelector('[data-testid="logs-count"]')?.textContent);
    const empty = clean(doc.querySelector('[data-testid="logs-list"] [class*="empty"]')?.textContent);
    const notices = [...datadogNotices(doc), ...(empty ? [empty] : [])];
    const keyValues: Record<string, string> = { 'log lines shown': String(lines.length) };
    if (count) keyValues.Count = count;
    if (facets.length) keyValues.Facets = facets.join(' | ');
    const timeRange = datadogTimeRange(doc, url, now);
    const ents = dedupeEntities(entitiesFromTags(query));
    const text = new EvidenceText('Datadog logs explorer', url.href)
      .notices(notices)
      .summary(undefined, timeRange, ents)
      .queries(query ? [query] : [])
      .keyValues('Details', keyValues)
      .section(`Log lines (${Math.min(lines.length, MAX_LINES)} of ${lines.length})`, lines.length ? '```\n' + lines.slice(0, MAX_LINES).join('\n') + '\n```' : '')
      .toString();
    return { title: `Datadog logs: ${query || 'all'}`, timeRange, queries: query ? [query] : [], entities: ents, keyValues, notices, text };
  },
};
