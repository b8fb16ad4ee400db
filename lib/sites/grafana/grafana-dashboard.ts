import { clean, readTable, tableToMarkdown } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import { entityTypeForName } from '../products';
import type { EntityRef, SiteAdapter } from '../types';
import { grafanaNotices, grafanaTimeRange, grafanaTitle } from './grafana-page';

const PANEL_HEADER = 'data-testid Panel header ';

export const grafanaDashboard: SiteAdapter = {
  kind: 'grafana-dashboard',
  product: 'grafana',
  label: 'Grafana dashboard',
  exampleUrls: [
    'https://grafana.example.com/d/checkout-svc/checkout-overview?orgId=1&from=now-6h&to=now&var-namespace=prod',
    'https://acme.grafana.net/d/aZ9kq2/k8s-cluster?orgId=1&refresh=30s',
    // Grafana served from a sub-path, as many companies do behind a proxy.
    'https://ops.example.com/grafana/d/abc123/api-latency?from=1764000000000&to=1764003600000',
  ],
  matchesUrl: (url) => /(^|\/)d\/[^/]+(\/[^/]*)?$/.test(url.pathname) && !/\/d-solo\//.test(url.pathname),
  extract(doc, url, now) {
    const title = grafanaTitle(doc, 'Grafana dashboard');
    const timeRange = grafanaTimeRange(doc, url, now);

    // Variables: the submenu shows the selected values; the URL has them even when collapsed.
    const keyValues: Record<string, string> = {};
    for (const label of Array.from(doc.querySelectorAll('[data-testid^="data-testid Dashboard template variables submenu Label "]'))) {
      const name = label.getAttribute('data-testid')!.slice('data-testid Dashboard template variables submenu Label '.length);
      const container = label.closest('[data-testid="data-testid template variable"]') ?? label.parentElement;
      const value = clean(
        container?.querySelector('[data-testid^="data-testid Dashboard template variables Variable Value DropDown value link text "]')?.textContent,
      );
      if (name && value) keyValues[`$${name}`] = value;
    }
    for (const [key, value] of url.searchParams) {
      if (key.startsWith('var-') && !(`$${key.slice(4)}` in keyValues)) keyValues[`$${key.slice(4)}`] = value;
    }
    const entities: EntityRef[] = [{ type: 'dashboard', name: title }];
    for (const [name, value] of Object.entries(keyValues)) {
      const type = entityTypeForName(name.slice(1));
      if (type && value && !/^(All|\$__all)$/.test(value)) for (const v of value.split(/\s*\+\s*|,\s*/)) entities.push({ type, name: v });
    }

    // Panels: title, unit-bearing visible values, tables, and their own error states.
    const panelLines: string[] = [];
    const panelNotices: string[] = [];
    for (const header of Array.from(doc.querySelectorAll(`[data-testid^="${PANEL_HEADER}"]`))) {
      const panelTitle = header.getAttribute('data-testid')!.slice(PANEL_HEADER.length) || '(untitled panel)';
      const panel = header.closest('[data-viz-panel-key], [data-panelid], .react-grid-item') ?? header.parentElement!;
      const error = clean(panel.querySelector('[data-testid="data-testid Panel status error"]')?.getAttribute('title') ?? panel.querySelector('[data-testid="data-testid Panel status error"]')?.textContent);
      if (error) panelNotices.push(`Panel "${panelTitle}": ${error}`);
      const table = panel.querySelector('table, [role="table"]');
      if (table) {
        const data = readTable(table, 50);
        const total = table.querySelectorAll('tbody tr, [role="row"]').length - (table.querySelector('thead') ? 0 : 1);
        panelLines.push(`### ${panelTitle}\n${data ? tableToMarkdown(data, total) : '(empty table)'}`);
        continue;
      }
      const values = Array.from(panel.querySelectorAll('[data-testid="data-testid panel content"] [title], [data-testid="data-testid panel content"] span'))
        .map((el) => clean(el.textContent))
        .filter((t, i, all) => t && all.indexOf(t) === i)
        .slice(0, 20);
      const legend = Array.from(panel.querySelectorAll('[data-testid="data-testid VizLegend series"], .viz-legend-item'))
        .map((el) => clean(el.textContent))
        .filter(Boolean)
        .slice(0, 20);
      const noData = /no data/i.test(clean(panel.querySelector('[data-testid="data-testid panel content"]')?.textContent)) ? 'No data' : '';
      const body = [values.length ? values.join(' · ') : noData, legend.length ? `Series: ${legend.join('; ')}` : ''].filter(Boolean).join('\n');
      panelLines.push(`### ${panelTitle}\n${body || '(no visible values)'}`);
      keyValues[`panel: ${panelTitle}`] = body.split('\n')[0] || '(no visible values)';
    }

    const notices = [...grafanaNotices(doc), ...panelNotices];
    const ents = dedupeEntities(entities);
    const text = new EvidenceText(`Grafana dashboard: ${title}`, url.href)
      .notices(notices)
      .summary(undefined, timeRange, ents)
      .keyValues('Variables', Object.fromEntries(Object.entries(keyValues).filter(([k]) => k.startsWith('$'))))
      .section('Panels', panelLines.join('\n\n'))
      .toString();
    return { title, timeRange, queries: [], entities: ents, keyValues, notices, text };
  },
};
