// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { cloudwatchLogsInsights } from './cloudwatch-logs-insights';

const NOW = new Date('2026-11-24T13:00:00.000Z');

describe('cloudwatch-logs-insights adapter', () => {
  it('reads query, log group, relative range from the URL and caps a 1,000-row result table', () => {
    const { doc, url } = loadSiteFixture('cloudwatch-logs-insights', 'large-results');
    const out = cloudwatchLogsInsights.extract(doc, url, NOW);
    expect(out.queries[0]).toBe('fields @timestamp, @message\n| filter @message like /ERROR|WARN/\n| sort @timestamp desc');
    expect(out.timeRange).toMatchObject({ from: '2026-11-24T12:00:00.000Z', to: '2026-11-24T13:00:00.000Z' });
    expect(out.entities).toEqual(expect.arrayContaining([{ type: 'log-group', name: '/aws/ecs/checkout' }, { type: 'service', name: 'checkout' }]));
    expect(out.keyValues.Results).toContain('48,312 records matched');
    expect(out.text).toContain('PaymentClient timeout after 5000ms');
    expect(out.text).toContain('800 more rows not shown');
  });

  it('reads the picker label when the URL has no query detail and reports no results', () => {
    const { doc, url } = loadSiteFixture('cloudwatch-logs-insights', 'dark-no-results');
    const out = cloudwatchLogsInsights.extract(doc, url, NOW);
    expect(out.timeRange?.from).toBe('2026-11-24T12:45:00.000Z');
    expect(out.entities).toContainEqual({ type: 'function', name: 'orders-handler' });
    expect(out.notices).toContain('No data found. Try adjusting the dashboard time range or log query.');
  });
});
