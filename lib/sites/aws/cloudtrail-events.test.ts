// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { cloudtrailEvents } from './cloudtrail-events';

describe('cloudtrail-events adapter', () => {
  it('reads who changed what, and the picker range in UTC', () => {
    const { doc, url } = loadSiteFixture('cloudtrail-events', 'recent-changes');
    const out = cloudtrailEvents.extract(doc, url, new Date('2026-11-24T13:00:00Z'));
    expect(out.timeRange?.from).toBe('2026-11-24T10:00:00.000Z');
    expect(out.entities).toEqual(expect.arrayContaining([{ type: 'user', name: 'deploy-bot' }, { type: 'service', name: 'checkout' }]));
    expect(out.text).toContain('| UpdateService | November 24, 2026, 12:35:02 (UTC) | deploy-bot |');
  });
});
