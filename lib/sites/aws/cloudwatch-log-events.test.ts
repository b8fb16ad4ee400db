// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { cloudwatchLogEvents } from './cloudwatch-log-events';

const NOW = new Date('2026-11-24T13:00:00Z');

describe('cloudwatch-log-events adapter', () => {
  it('decodes the doubly escaped group and stream, and reads the filter and events', () => {
    const { doc, url } = loadSiteFixture('cloudwatch-log-events', 'ecs-task-stream');
    const out = cloudwatchLogEvents.extract(doc, url, NOW);
    expect(out.keyValues).toMatchObject({ 'Log group': '/aws/ecs/checkout', 'Log stream': 'ecs/checkout/5d2a8b9c1e', 'events shown': '3' });
    expect(out.queries).toEqual(['?ERROR ?FATAL']);
    expect(out.timeRange?.from).toBe('2026-11-24T12:30:00.000Z');
    expect(out.entities).toEqual(expect.arrayContaining([{ type: 'service', name: 'checkout' }, { type: 'task', name: '5d2a8b9c1e' }]));
    expect(out.text).toContain('2026-11-24T12:43:10.120Z FATAL java.lang.OutOfMemoryError: Java heap space');
  });

  it('reports an empty log group', () => {
    const { doc, url } = loadSiteFixture('cloudwatch-log-events', 'empty-group');
    const out = cloudwatchLogEvents.extract(doc, url, NOW);
    expect(out.notices).toEqual(['No older events at this moment.']);
    expect(out.entities).toContainEqual({ type: 'function', name: 'orders-handler' });
  });
});
