import { clean, readTable, tableToMarkdown } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import { entityTypeForName } from '../products';
import type { EntityRef, SiteAdapter } from '../types';
import { datadogNotices, datadogTimeRange } from './datadog-page';

export const datadogDashboard: SiteAdapter = {
  kind: 'datadog-dashboard',
  product: 'datadog',
  label: 'Datadog dashboard',
  exampleUrls: [
    'https://app.datadoghq.com/dashboard/abc-def-ghi/checkout-overview?from_ts=1764000000000&to_ts=1764003600000&live=true',
    'https://app.datadoghq.eu/dashboard/xyz-123-456?tpl_var_env%5B0%5D=prod',
  ],
  matchesUrl: (url) => /(^|\/)dashboard\/[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}(\/[^/]*)?\/?$/.test(url.pathname),
  extract(doc, url, now) {
    const title = clean(doc.querySelector('h1')?.textContent) || clean(doc.title).split(' | ')[0] || 'Datadog dashboard';
    const keyValues: Record<string, string> = {};
    const entities: EntityRef[] = [{ type: 'dashboard', name: title }];
    // Template variables: tpl_var_env[0]=prod in the URL, chips on the page.
    for (const [k, v] of url.searchParams) {
      const m = /^tpl_var_([^[]+)/.exec(k);
      if (!m) continue;
      keyValues[`$${m[1]}`] = v;
      const type = entityTypeForName(m[1]!);
      if (type && v !== '*') entities.push({ type, name: v });
    }
    const widgets: string[] = [];
    for (const w of Array.from(doc.querySelectorAll('[data-testid="widget"]'))) {
      const wt = clean(w.querySelector('[data-testid="widget-title"]')?.textContent) || '(untitled widget)';
      const table = readTable(w.querySelector('table'), 30);
      const value = clean(w.querySelector('[data-testid="widget-value"]')?.textContent);
      const legend = Array.from(w.querySelectorAll('[data-testid="legend-item"]')).map((l) => clean(l.textContent));
      const error = clean(w.querySelector('[data-testid="widget-error"]')?.textContent);
      const body = table ? tableToMarkdown(table) : [value, legend.join('; '), error ? `Error: ${error}` : ''].filter(Boolean).join('\n');
      widgets.push(`### ${wt}\n${body || '(no visible values)'}`);
      if (value) keyValues[`widget: ${wt}`] = value;
    }
    const notices = datadogNotices(doc);
    const timeRange = datadogTimeRange(doc, url, now);
    const ents = dedupeEntities(entities);
    const text = new EvidenceText(`Datadog dashboard: ${title}`, url.href)
      .notices(notices)
      .summary(undefined, timeRange, ents)
      .keyValues('Variables and values', keyValues)
      .section('Widgets', widgets.join('\n\n'))
      .toString();
    return { title, timeRange, queries: [], entities: ents, keyValues, notices, text };
  },
};
