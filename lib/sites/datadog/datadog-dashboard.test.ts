// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { datadogDashboard } from './datadog-dashboard';

describe('datadog-dashboard adapter', () => {
  it('reads template variables, widget values, legends, tables and widget errors', () => {
    const { doc, url } = loadSiteFixture('datadog-dashboard', 'checkout-widgets');
    const out = datadogDashboard.extract(doc, url, new Date('2026-11-24T13:00:00Z'));
    expect(out.title).toBe('Checkout overview');
    expect(out.keyValues).toMatchObject({ $env: 'prod', $service: 'checkout', 'widget: Error rate': '6.2 %' });
    expect(out.entities).toEqual(expect.arrayContaining([{ type: 'env', name: 'prod' }, { type: 'service', name: 'checkout' }]));
    expect(out.text).toContain('checkout 2.31 s; payments-gw 2.71 s');
    expect(out.text).toContain('| payment authorization failed | 8,932 |');
    expect(out.text).toContain('Error: Query timeout');
  });
});
