// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { eksCluster } from './eks-cluster';

describe('eks-cluster adapter', () => {
  it('reads a workload: cluster, namespace, pods and their states', () => {
    const { doc, url } = loadSiteFixture('eks-cluster', 'workload-pods');
    const out = eksCluster.extract(doc, url, new Date('2026-11-24T13:00:00Z'));
    expect(out.title).toBe('checkout');
    expect(out.status).toBe('2 of 4 pods ready');
    expect(out.entities).toEqual(
      expect.arrayContaining([
        { type: 'cluster', name: 'prod-eu' },
        { type: 'service', name: 'checkout' },
        { type: 'namespace', name: 'shop' },
        { type: 'pod', name: 'checkout-6c9f7d8b4-9hzrt' },
      ]),
    );
    expect(out.text).toContain('| checkout-6c9f7d8b4-9hzrt | shop | CrashLoopBackOff | 17 |');
  });
});
