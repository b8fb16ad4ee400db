// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { cloudwatchMetrics } from './cloudwatch-metrics';

describe('cloudwatch-metrics adapter', () => {
  it('reads namespace, metrics, dimensions, statistic, period and the ISO-8601 relative range', () => {
    const { doc, url } = loadSiteFixture('cloudwatch-metrics', 'ecs-cpu');
    const out = cloudwatchMetrics.extract(doc, url, new Date('2026-11-24T13:00:00Z'));
    expect(out.queries).toEqual([
      'AWS/ECS CPUUtilization {ServiceName=checkout, ClusterName=prod-eu}',
      'AWS/ECS MemoryUtilization {ServiceName=checkout, ClusterName=prod-eu}',
    ]);
    expect(out.keyValues).toMatchObject({ Statistic: 'Average', Period: '300 s' });
    expect(out.timeRange).toEqual({ from: '2026-11-24T10:00:00.000Z', to: '2026-11-24T13:00:00.000Z', raw: '-PT3H → P0D' });
    expect(out.entities).toEqual(
      expect.arrayContaining([{ type: 'metric', name: 'AWS/ECS/CPUUtilization' }, { type: 'service', name: 'checkout' }, { type: 'cluster', name: 'prod-eu' }]),
    );
    expect(out.text).toContain('97.3 %');
  });
});
