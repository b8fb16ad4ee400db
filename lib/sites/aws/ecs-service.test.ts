// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { ecsService } from './ecs-service';

describe('ecs-service adapter', () => {
  it('reads status, task counts, deployments, events and task ids', () => {
    const { doc, url } = loadSiteFixture('ecs-service', 'checkout-health');
    const out = ecsService.extract(doc, url, new Date('2026-11-24T13:00:00Z'));
    expect(out.status).toBe('Active');
    expect(out.keyValues).toMatchObject({ 'Running tasks': '3', 'Desired tasks': '6', Cluster: 'prod-eu', Tab: 'health' });
    expect(out.entities).toEqual(
      expect.arrayContaining([{ type: 'service', name: 'checkout' }, { type: 'cluster', name: 'prod-eu' }, { type: 'task', name: '5d2a8b9c1e' }]),
    );
    expect(out.text).toContain('(task 5d2a8b9c1e) failed container health checks.');
    expect(out.text).toContain('| ecs-svc/2398471234 | PRIMARY In progress | checkout:142 |');
  });
});
