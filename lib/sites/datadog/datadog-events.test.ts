// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { datadogEvents } from './datadog-events';

const NOW = new Date('2026-11-24T13:00:00Z');

describe('datadog-events adapter', () => {
  it('reads the query and the visible events, with entities from their tags', () => {
    const { doc, url } = loadSiteFixture('datadog-events', 'deploys');
    const out = datadogEvents.extract(doc, url, NOW);
    expect(out.queries).toEqual(['service:checkout']);
    expect(out.keyValues['events shown']).toBe('2');
    expect(out.entities).toEqual(expect.arrayContaining([{ type: 'service', name: 'checkout' }, { type: 'namespace', name: 'shop' }, { type: 'env', name: 'prod' }]));
    expect(out.text).toContain('Nov 24 12:34:40 github Deploy checkout v2026.11.24-1 to env:prod');
  });

  it('says when there are no events, with the picker range in UTC', () => {
    const { doc, url } = loadSiteFixture('datadog-events', 'empty');
    const out = datadogEvents.extract(doc, url, NOW);
    expect(out.notices).toEqual(['No events found']);
    expect(out.timeRange?.from).toBe('2026-11-24T09:00:00.000Z');
  });
});
