// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { grafanaExplore } from './grafana-explore';

const NOW = new Date('2026-11-24T13:00:00.000Z');

describe('grafana-explore adapter', () => {
  it('reads datasource, query, range from the panes state and the visible log lines', () => {
    const { doc, url } = loadSiteFixture('grafana-explore', 'loki-errors');
    const out = grafanaExplore.extract(doc, url, NOW);
    expect(out.keyValues.datasource).toBe('loki-prod');
    expect(out.queries).toEqual(['{app="checkout", namespace="prod"} |= "error"']);
    expect(out.timeRange).toEqual({ from: '2026-11-24T12:00:00.000Z', to: '2026-11-24T13:00:00.000Z', raw: 'now-1h → now' });
    expect(out.entities).toEqual(expect.arrayContaining([{ type: 'service', name: 'checkout' }, { type: 'namespace', name: 'prod' }]));
    expect(out.keyValues['log lines shown']).toBe('4');
    expect(out.text).toContain('level=error msg="db pool exhausted" pool=orders max=50 waiting=212');
  });

  it('falls back to the legacy left= URL and reports the query error and empty result', () => {
    const { doc, url } = loadSiteFixture('grafana-explore', 'query-error-empty');
    const out = grafanaExplore.extract(doc, url, NOW);
    expect(out.queries[0]).toContain('http_requests_total{job="api"');
    expect(out.timeRange?.from).toBe('2026-11-24T12:45:00.000Z');
    expect(out.notices).toEqual(['bad_data: 1:45: parse error: unexpected character in label matcher', 'No data']);
    expect(out.entities).toContainEqual({ type: 'service', name: 'api' });
  });
});
