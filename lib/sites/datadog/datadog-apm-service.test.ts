// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { datadogApmService } from './datadog-apm-service';

describe('datadog-apm-service adapter', () => {
  it('reads latency, errors, resources and the erroring span', () => {
    const { doc, url } = loadSiteFixture('datadog-apm-service', 'checkout-latency');
    const out = datadogApmService.extract(doc, url, new Date('2026-11-24T13:00:00Z'));
    expect(out.keyValues).toMatchObject({ Errors: '6.2 %', 'p99 latency': '2.31 s' });
    expect(out.timeRange?.from).toBe('2025-11-24T16:00:00.000Z');
    expect(out.entities).toEqual(expect.arrayContaining([{ type: 'service', name: 'checkout' }, { type: 'env', name: 'prod' }, { type: 'service', name: 'payments-gw' }]));
    expect(out.text).toContain('payments-gw grpc.client Authorize 2.71 s DeadlineExceeded [error]');
    expect(out.text).toContain('| POST /api/checkout | 412 req/s | 2.9 s | 11.8 % |');
  });
});
