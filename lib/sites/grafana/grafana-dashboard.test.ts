// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { captureSitePage } from '../registry';
import { grafanaDashboard } from './grafana-dashboard';

const NOW = new Date('2026-11-24T13:00:00.000Z');

describe('grafana-dashboard adapter', () => {
  it('reads title, variables, absolute time range, entities and panel values', () => {
    const { doc, url } = loadSiteFixture('grafana-dashboard', 'checkout-overview');
    const { structured } = captureSitePage(doc, url, NOW);
    expect(structured?.pageKind).toBe('grafana-dashboard');
    expect(structured?.title).toBe('Checkout overview');
    expect(structured?.timeRange).toEqual({ from: '2026-11-24T07:00:00.000Z', to: '2026-11-24T13:00:00.000Z', raw: 'now-6h → now' });
    expect(structured?.keyValues).toMatchObject({ $namespace: 'prod', $service: 'checkout', $cluster: 'prod-eu-1', 'panel: Error rate': '12.4%' });
    expect(structured?.entities).toEqual(
      expect.arrayContaining([
        { type: 'service', name: 'checkout' },
        { type: 'namespace', name: 'prod' },
        { type: 'cluster', name: 'prod-eu-1' },
        { type: 'dashboard', name: 'Checkout overview' },
      ]),
    );
    expect(structured?.text).toContain('checkout-api p99 — Max: 2.31 s');
    expect(structured?.text).toContain('| checkout-7d9f8b6c5-x2lkp | 14 | OOMKilled |');
    expect(structured?.capturedAt).toBe(NOW.toISOString());
  });

  it('reports the error banner and per-panel errors on a dark-theme page with epoch times', () => {
    const { doc, url } = loadSiteFixture('grafana-dashboard', 'dark-error-banner');
    const out = grafanaDashboard.extract(doc, url, NOW);
    expect(out.notices[0]).toContain('502 Bad Gateway');
    expect(out.notices).toContain('Panel "Node CPU": query timed out after 30s');
    expect(out.timeRange).toMatchObject({ from: '2025-11-24T16:00:00.000Z', to: '2025-11-24T17:00:00.000Z' });
    // "All" is not an entity: it names nothing.
    expect(out.entities).toContainEqual({ type: 'cluster', name: 'prod-us-2' });
    expect(out.entities.some((e) => e.type === 'namespace')).toBe(false);
    expect(out.text.indexOf('Notices')).toBeLessThan(out.text.indexOf('Panels'));
  });

  it('captures an empty dashboard without inventing panels', () => {
    const { doc, url } = loadSiteFixture('grafana-dashboard', 'empty-dashboard');
    const out = grafanaDashboard.extract(doc, url, NOW);
    expect(out.title).toBe('New dashboard');
    expect(Object.keys(out.keyValues)).toEqual([]);
    expect(out.text).not.toContain('## Panels');
  });

  it('caps a 600-row table and says how much was left out', () => {
    const { doc, url } = loadSiteFixture('grafana-dashboard', 'large-table');
    const out = grafanaDashboard.extract(doc, url, NOW);
    expect(out.text).toContain('| /api/v1/orders/0007 | 503 |');
    expect(out.text).toContain('550 more rows not shown');
    expect(out.entities).toContainEqual({ type: 'service', name: 'orders' });
  });
});
