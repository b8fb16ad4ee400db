// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { datadogLogs } from './datadog-logs';

const NOW = new Date('2026-11-24T13:00:00.000Z');

describe('datadog-logs adapter', () => {
  it('reads query, facets, a live window ending now and the visible lines', () => {
    const { doc, url } = loadSiteFixture('datadog-logs', 'live-errors-dark');
    const out = datadogLogs.extract(doc, url, NOW);
    expect(out.queries).toEqual(['service:checkout status:error env:prod']);
    expect(out.timeRange).toEqual({ from: '2026-11-24T12:45:00.000Z', to: '2026-11-24T13:00:00.000Z', raw: 'live, 15 min' });
    expect(out.keyValues['log lines shown']).toBe('120');
    expect(out.keyValues.Facets).toContain('Host: ip-10-0-3-17 64, ip-10-0-4-22 54');
    expect(out.entities).toEqual(expect.arrayContaining([{ type: 'service', name: 'checkout' }, { type: 'env', name: 'prod' }]));
    expect(out.text).toContain('ERROR checkout upstream connect error');
  });

  it('reports a failed query and the empty list', () => {
    const { doc, url } = loadSiteFixture('datadog-logs', 'query-error-empty');
    const out = datadogLogs.extract(doc, url, NOW);
    expect(out.notices).toEqual(['Query failed: Invalid search query: unexpected token ">="', 'No logs match your query']);
    expect(out.timeRange?.from).toBe('2026-11-24T12:00:00.000Z');
    expect(out.queries[0]).toBe('service:orders @http.status_code:>=500');
  });
});
