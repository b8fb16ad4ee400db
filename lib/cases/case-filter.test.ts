import { describe, expect, it } from 'vitest';
import type { CaseRecord, EvidenceRecord } from '@/lib/db/records';
import { allServices, caseFacetsByCase, filterCases } from './case-filter';

const day = (d: number) => Date.UTC(2026, 10, d);

function kase(id: string, title: string, patch: Partial<CaseRecord> = {}): CaseRecord {
  return { id, title, severity: 'sev2', status: 'open', phase: 'INTAKE', createdAt: day(1), updatedAt: day(1), ...patch };
}

function evidence(caseId: string, entities: { type: 'service' | 'cluster' | 'pod' | 'alarm'; name: string }[]): Pick<EvidenceRecord, 'caseId' | 'structured'> {
  return {
    caseId,
    structured: { title: 't', queries: [], entities, keyValues: {}, notices: [], text: '', pageKind: 'grafana-dashboard', product: 'grafana', url: 'https://g', capturedAt: '' },
  };
}

const cases = [
  kase('a', 'Checkout latency spike', { severity: 'sev1', status: 'resolved', createdAt: day(2), updatedAt: day(3) }),
  kase('b', 'Kafka consumer lag', { severity: 'sev3', createdAt: day(10), updatedAt: day(12) }),
  kase('c', 'Login errors', { severity: 'sev2', status: 'closed', createdAt: day(20), updatedAt: day(20) }),
];
const facets = caseFacetsByCase([
  evidence('a', [{ type: 'service', name: 'checkout-api' }, { type: 'cluster', name: 'prod-eu-1' }]),
  evidence('a', [{ type: 'service', name: 'Checkout-API' }, { type: 'alarm', name: 'CheckoutHigh5xx' }]),
  evidence('b', [{ type: 'service', name: 'orders-consumer' }, { type: 'pod', name: 'orders-consumer-7d9f' }]),
  { caseId: 'c' },
]);
const titles = (filter: Parameters<typeof filterCases>[1]) => filterCases(cases, filter, facets).map((c) => c.title);

describe('case history filters', () => {
  it('collects services and entities per case without duplicates', () => {
    expect(facets.get('a')).toEqual({ services: ['checkout-api'], entities: ['checkout-api', 'prod-eu-1', 'CheckoutHigh5xx'] });
    expect(facets.has('c')).toBe(false);
    expect(allServices(facets)).toEqual(['checkout-api', 'orders-consumer']);
  });

  it('searches titles, severities and the names the evidence mentions', () => {
    expect(titles({ text: 'prod-eu-1', status: 'all' })).toEqual(['Checkout latency spike']);
    expect(titles({ text: 'orders 7d9f', status: 'all' })).toEqual(['Kafka consumer lag']);
    expect(titles({ text: 'SEV2', status: 'all' })).toEqual(['Login errors']);
    expect(titles({ text: 'login checkout', status: 'all' })).toEqual([]);
  });

  it('filters by status, severity and service', () => {
    expect(titles({ text: '', status: 'resolved' })).toEqual(['Checkout latency spike']);
    expect(titles({ text: '', status: 'all', severity: 'sev3' })).toEqual(['Kafka consumer lag']);
    expect(titles({ text: '', status: 'all', service: 'CHECKOUT-API' })).toEqual(['Checkout latency spike']);
    expect(titles({ text: '', status: 'all', service: 'all', severity: 'all' })).toEqual(['Login errors', 'Kafka consumer lag', 'Checkout latency spike']);
  });

  it('keeps cases active within the date range', () => {
    expect(titles({ text: '', status: 'all', from: day(3), to: day(10) })).toEqual(['Kafka consumer lag', 'Checkout latency spike']);
    expect(titles({ text: '', status: 'all', from: day(13) })).toEqual(['Login errors']);
    expect(titles({ text: '', status: 'all', to: day(1) })).toEqual([]);
  });
});
