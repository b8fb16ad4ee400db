import { clean, fieldValue, readTable, tableToMarkdown } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import type { EntityRef, SiteAdapter } from '../types';
import { datadogNotices, datadogTimeRange, entitiesFromTags } from './datadog-page';

export const datadogMonitor: SiteAdapter = {
  kind: 'datadog-monitor',
  product: 'datadog',
  label: 'Datadog monitor',
  exampleUrls: [
    'https://app.datadoghq.com/monitors/123456789',
    'https://app.datadoghq.eu/monitors/98765?from_ts=1764000000000&to_ts=1764003600000&live=false',
    'https://us5.datadoghq.com/monitors/4242/',
  ],
  matchesUrl: (url) => /(^|\/)monitors\/\d+\/?$/.test(url.pathname),
  extract(doc, url, now) {
    const id = /monitors\/(\d+)/.exec(url.pathname)![1]!;
    const name = clean(doc.querySelector('[data-testid="monitor-title"], h1')?.textContent) || `Monitor ${id}`;
    const status = clean(doc.querySelector('[data-testid="monitor-status"], [class*="druids_misc_status-badge"]')?.textContent) || undefined;
    const query = fieldValue(doc.querySelector('[data-testid="monitor-query"] code, [data-testid="monitor-query"]'));
    const keyValues: Record<string, string> = { 'Monitor ID': id };
    if (status) keyValues.Status = status;
    for (const dt of Array.from(doc.querySelectorAll('[data-testid="monitor-properties"] dt, [data-testid="monitor-thresholds"] dt'))) {
      const v = clean(dt.nextElementSibling?.textContent);
      if (v) keyValues[clean(dt.textContent)] = v;
    }
    const tags = Array.from(doc.querySelectorAll('[data-testid="monitor-tags"] [class*="druids_tag"], [data-testid="monitor-tags"] li')).map((t) => clean(t.textContent));
    if (tags.length) keyValues.Tags = tags.join(' ');
    const entities: EntityRef[] = [{ type: 'monitor', name }, ...entitiesFromTags(`${query} ${tags.join(' ')}`)];
    const transitions = readTable(doc.querySelector('[data-testid="monitor-transitions"] table'), 50);
    const emptyHistory = clean(doc.querySelector('[data-testid="monitor-transitions"] [class*="empty"]')?.textContent);
    const notices = datadogNotices(doc);
    const timeRange = datadogTimeRange(doc, url, now);
    const ents = dedupeEntities(entities);
    const text = new EvidenceText(`Datadog monitor: ${name}`, url.href)
      .notices(notices)
      .summary(status, timeRange, ents)
      .keyValues('Details', keyValues)
      .queries(query ? [query] : [])
      .section('Recent transitions', transitions?.rows.length ? tableToMarkdown(transitions) : emptyHistory)
      .toString();
    return { title: name, status, timeRange, queries: query ? [query] : [], entities: ents, keyValues, notices, text };
  },
};
