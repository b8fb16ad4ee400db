// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { rdsInstance } from './rds-instance';

describe('rds-instance adapter', () => {
  it('reads status, configuration, the banner and recent events on a dark page', () => {
    const { doc, url } = loadSiteFixture('rds-instance', 'dark-storage-full');
    const out = rdsInstance.extract(doc, url, new Date('2026-11-24T13:00:00Z'));
    expect(out.status).toBe('Storage-full');
    expect(out.notices[0]).toContain('storage-full state');
    expect(out.entities).toEqual([{ type: 'db-instance', name: 'orders-db-1' }]);
    expect(out.keyValues['Allocated storage']).toBe('200 GiB');
    expect(out.text).toContain('Free storage space is low (less than 5%).');
  });
});
