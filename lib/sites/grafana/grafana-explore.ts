import { clean, fieldValue, rowText } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import { rangeFromExpressions } from '../time-range';
import type { EntityRef, SiteAdapter } from '../types';
import { grafanaNotices, grafanaTimeRange } from './grafana-page';

interface ExplorePane {
  datasource?: string;
  queries?: { refId?: string; expr?: string; query?: string; rawSql?: string; datasource?: { type?: string; uid?: string } }[];
  range?: { from?: string; to?: string };
}

/** Explore keeps its state in the URL: `panes` (Grafana 10+) or the older `left` array. */
function panesFromUrl(url: URL): ExplorePane[] {
  try {
    const panes = url.searchParams.get('panes');
    if (panes) return Object.values(JSON.parse(panes) as Record<string, ExplorePane>);
    const left = url.searchParams.get('left');
    if (left) {
      const parsed = JSON.parse(left) as unknown;
      if (Array.isArray(parsed)) {
        const [from, to, datasource, ...queries] = parsed as [string, string, string, ...{ expr?: string }[]];
        return [{ datasource, queries, range: { from, to } }];
      }
      return [parsed as ExplorePane];
    }
  } catch {
    // A hand-edited URL that is not JSON: the DOM still has the query.
  }
  return [];
}

const MAX_LOG_LINES = 200;

export const grafanaExplore: SiteAdapter = {
  kind: 'grafana-explore',
  product: 'grafana',
  label: 'Grafana Explore',
  exampleUrls: [
    'https://grafana.example.com/explore?schemaVersion=1&orgId=1&panes=%7B%22x1%22%3A%7B%22datasource%22%3A%22loki%22%2C%22queries%22%3A%5B%7B%22refId%22%3A%22A%22%2C%22expr%22%3A%22%7Bapp%3D%5C%22checkout%5C%22%7D%22%7D%5D%2C%22range%22%3A%7B%22from%22%3A%22now-1h%22%2C%22to%22%3A%22now%22%7D%7D%7D',
    'https://acme.grafana.net/explore?orgId=1&left=%5B%22now-1h%22%2C%22now%22%2C%22Prometheus%22%2C%7B%22expr%22%3A%22up%22%7D%5D',
  ],
  matchesUrl: (url) => /(^|\/)explore\/?$/.test(url.pathname),
  extract(doc, url, now) {
    const panes = panesFromUrl(url);
    const pane = panes[0];
    const datasource =
      clean(doc.querySelector('[data-testid="data-testid Data source picker select container"] input')?.getAttribute('value')) ||
      clean(doc.querySelector('[data-testid="data-testid Select a data source"]')?.textContent) ||
      pane?.datasource ||
      '';
    const domQueries = Array.from(doc.querySelectorAll('[data-testid="data-testid Query field"], [data-testid="data-testid explore query editor"] textarea'))
      .map((el) => fieldValue(el))
      .filter(Boolean);
    const urlQueries = panes.flatMap((p) => (p.queries ?? []).map((q) => q.expr ?? q.query ?? q.rawSql ?? '').filter(Boolean));
    const queries = domQueries.length ? domQueries : urlQueries;
    const timeRange =
      pane?.range?.from && pane.range.to ? rangeFromExpressions(pane.range.from, pane.range.to, now) : grafanaTimeRange(doc, url, now);

    const logRows = Array.from(doc.querySelectorAll('[data-testid="logRows"] tr, .logs-row'))
      .map((row) => rowText(row))
      .filter(Boolean);
    const legend = Array.from(doc.querySelectorAll('[data-testid="data-testid VizLegend series"]')).map((el) => clean(el.textContent));
    const empty = clean(doc.querySelector('[data-testid="data-testid explore no data"], [data-testid="explore-no-data"]')?.textContent);

    // Label matchers name the entities: {app="checkout", namespace="prod"}.
    const entities: EntityRef[] = [];
    if (datasource) entities.push({ type: 'datasource', name: datasource });
    for (const q of queries) {
      for (const m of q.matchAll(/\b(app|service|service_name|job|namespace|pod|cluster|container)\s*=~?\s*"([^"]+)"/g)) {
        const type = m[1] === 'namespace' ? 'namespace' : m[1] === 'pod' ? 'pod' : m[1] === 'cluster' ? 'cluster' : 'service';
        entities.push({ type, name: m[2]! });
      }
    }
    const notices = [...grafanaNotices(doc), ...(empty ? [empty] : [])];
    const keyValues: Record<string, string> = { datasource, 'log lines shown': String(logRows.length) };
    if (legend.length) keyValues.series = legend.join('; ');
    const ents = dedupeEntities(entities);
    const title = `Explore: ${datasource || 'unknown datasource'}`;
    const text = new EvidenceText(`Grafana Explore (${datasource || 'datasource unknown'})`, url.href)
      .notices(notices)
      .summary(undefined, timeRange, ents)
      .queries(queries)
      .section('Series', legend.map((l) => `- ${l}`).join('\n'))
      .section(
        `Log lines (${Math.min(logRows.length, MAX_LOG_LINES)} of ${logRows.length})`,
        logRows.length ? '```\n' + logRows.slice(0, MAX_LOG_LINES).join('\n') + '\n```' : '',
      )
      .toString();
    return { title, timeRange, queries, entities: ents, keyValues, notices, text };
  },
};
