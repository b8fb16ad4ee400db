// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { grafanaAlertRule } from './grafana-alert-rule';

const NOW = new Date('2026-11-24T13:00:00.000Z');

describe('grafana-alert-rule adapter', () => {
  it('reads state, expression, labels and firing instances', () => {
    const { doc, url } = loadSiteFixture('grafana-alert-rule', 'high-error-rate-firing');
    const out = grafanaAlertRule.extract(doc, url, NOW);
    expect(out.status).toBe('Firing');
    expect(out.queries).toHaveLength(2);
    expect(out.queries[1]).toBe('$A > 0.05');
    expect(out.keyValues['Pending period']).toBe('5m');
    expect(out.entities).toEqual(
      expect.arrayContaining([{ type: 'rule', name: 'HighErrorRate' }, { type: 'service', name: 'checkout' }, { type: 'namespace', name: 'prod' }]),
    );
    expect(out.text).toContain('Firing pod=checkout-7d9f8b6c5-x2lkp');
  });

  it('reads a normal rule with no instances on a dark page', () => {
    const { doc, url } = loadSiteFixture('grafana-alert-rule', 'normal-dark');
    const out = grafanaAlertRule.extract(doc, url, NOW);
    expect(out.status).toBe('Normal');
    expect(out.text).not.toContain('## Instances');
    expect(out.queries[0]).toContain('node_filesystem_avail_bytes');
  });
});
