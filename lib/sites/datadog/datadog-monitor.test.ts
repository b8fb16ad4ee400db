// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { captureSitePage } from '../registry';
import { datadogMonitor } from './datadog-monitor';

const NOW = new Date('2026-11-24T13:00:00.000Z');

describe('datadog-monitor adapter', () => {
  it('reads status, query, thresholds, tags and transitions', () => {
    const { doc, url } = loadSiteFixture('datadog-monitor', 'alert-with-transitions');
    const { structured } = captureSitePage(doc, url, NOW);
    expect(structured?.pageKind).toBe('datadog-monitor');
    expect(structured?.status).toBe('ALERT');
    expect(structured?.queries).toEqual(['avg(last_5m):p99:trace.http.request{service:checkout,env:prod} > 2']);
    expect(structured?.keyValues).toMatchObject({ 'Alert threshold': '2 s', 'Warning threshold': '1.5 s', 'Monitor ID': '123456789' });
    expect(structured?.timeRange).toEqual({ from: '2025-11-24T16:00:00.000Z', to: '2025-11-24T17:00:00.000Z', raw: '1764000000000 → 1764003600000' });
    expect(structured?.entities).toEqual(
      expect.arrayContaining([{ type: 'service', name: 'checkout' }, { type: 'env', name: 'prod' }, { type: 'namespace', name: 'checkout' }]),
    );
    expect(structured?.text).toContain('| Nov 24 12:42:10 UTC | WARN → ALERT | 2.31 s |');
  });

  it('reports the no-data warning and the empty history', () => {
    const { doc, url } = loadSiteFixture('datadog-monitor', 'no-data-dark');
    const out = datadogMonitor.extract(doc, url, NOW);
    expect(out.status).toBe('NO DATA');
    expect(out.notices).toEqual(['This monitor has not received data for 25 minutes.']);
    expect(out.text).toContain('No status changes in this time frame');
    expect(out.timeRange).toBeUndefined();
  });
});
