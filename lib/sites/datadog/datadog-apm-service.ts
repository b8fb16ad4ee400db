import { clean, readTable, tableToMarkdown } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import { rangeFromEpochMs } from '../time-range';
import type { EntityRef, SiteAdapter } from '../types';
import { datadogNotices, datadogTimeRange } from './datadog-page';

export const datadogApmService: SiteAdapter = {
  kind: 'datadog-apm-service',
  product: 'datadog',
  label: 'Datadog APM service or trace',
  exampleUrls: [
    'https://app.datadoghq.com/apm/services/checkout/operations/http.request/resources?env=prod&start=1764000000000&end=1764003600000',
    'https://app.datadoghq.com/apm/trace/7316390251733946121?spanID=42',
    'https://app.datadoghq.eu/apm/services/payments-gw?env=staging',
  ],
  matchesUrl: (url) => /(^|\/)apm\/(services\/[^/]+|trace\/[^/]+)/.test(url.pathname),
  extract(doc, url, now) {
    const service = /apm\/services\/([^/]+)/.exec(url.pathname)?.[1];
    const traceId = /apm\/trace\/([^/]+)/.exec(url.pathname)?.[1];
    const env = url.searchParams.get('env');
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const timeRange = start && end ? rangeFromEpochMs(start, end, `${start} → ${end}`) : datadogTimeRange(doc, url, now);
    const keyValues: Record<string, string> = {};
    for (const stat of Array.from(doc.querySelectorAll('[data-testid="apm-stat"]'))) {
      const k = clean(stat.querySelector('[data-testid="apm-stat-label"]')?.textContent);
      const v = clean(stat.querySelector('[data-testid="apm-stat-value"]')?.textContent);
      if (k && v) keyValues[k] = v;
    }
    if (traceId) keyValues['Trace ID'] = traceId;
    const entities: EntityRef[] = [];
    if (service) entities.push({ type: 'service', name: decodeURIComponent(service) });
    if (env) entities.push({ type: 'env', name: env });
    const spans = Array.from(doc.querySelectorAll('[data-testid="trace-span"]')).map((s) => {
      const svc = s.getAttribute('data-service');
      if (svc) entities.push({ type: 'service', name: svc });
      return `- ${clean(s.textContent)}${s.getAttribute('data-error') === 'true' ? ' [error]' : ''}`;
    });
    const resources = readTable(doc.querySelector('[data-testid="apm-resources"] table'), 50);
    const notices = datadogNotices(doc);
    const ents = dedupeEntities(entities);
    const name = clean(doc.querySelector('h1')?.textContent) || (service ? decodeURIComponent(service) : `Trace ${traceId}`);
    const text = new EvidenceText(`Datadog APM: ${name}`, url.href)
      .notices(notices)
      .summary(undefined, timeRange, ents)
      .keyValues('Latency and errors', keyValues)
      .section('Resources', resources?.rows.length ? tableToMarkdown(resources) : '')
      .section('Spans', spans.join('\n'))
      .toString();
    return { title: name, timeRange, queries: [], entities: ents, keyValues, notices, text };
  },
};
