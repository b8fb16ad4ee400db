// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture, siteFixtureNames } from '@/tests/support/site-fixtures';
import { SITE_ADAPTERS, captureSitePage, findAdapters } from './registry';
import type { SiteAdapter } from './types';

// Every module under lib/sites/<product>/ that exports an adapter object.
const modules = import.meta.glob<Record<string, unknown>>(['./*/*.ts', '!./*/*.test.ts'], { eager: true });
const isAdapter = (v: unknown): v is SiteAdapter =>
  typeof v === 'object' && v !== null && typeof (v as SiteAdapter).extract === 'function' && typeof (v as SiteAdapter).kind === 'string';

describe('site adapter conventions', () => {
  const found = Object.entries(modules).flatMap(([file, mod]) => Object.values(mod).filter(isAdapter).map((a) => ({ file, adapter: a })));

  it('finds the adapter files', () => {
    expect(found.length).toBeGreaterThanOrEqual(SITE_ADAPTERS.length);
  });

  it.each(found.map((f) => [f.file, f]))('%s is registered, named after its kind, and has example URLs and fixtures', (_file, { file, adapter }) => {
    expect(SITE_ADAPTERS).toContain(adapter);
    expect(file).toBe(`./${adapter.product === 'aws' ? 'aws' : adapter.product}/${adapter.kind}.ts`);
    expect(adapter.exampleUrls.length).toBeGreaterThan(0);
    for (const u of adapter.exampleUrls) expect(adapter.matchesUrl(new URL(u)), u).toBe(true);
    expect(siteFixtureNames(adapter.kind).length).toBeGreaterThan(0);
  });

  it('matches every fixture to its own adapter and to no other', () => {
    for (const adapter of SITE_ADAPTERS) {
      for (const name of siteFixtureNames(adapter.kind)) {
        const { doc, url } = loadSiteFixture(adapter.kind, name);
        expect(findAdapters(url, doc).map((a) => a.kind), `${adapter.kind}/${name}`).toEqual([adapter.kind]);
      }
    }
  });

  it('matches fixture pages served from localhost by their path and DOM shape', () => {
    const { doc, url } = loadSiteFixture('grafana-dashboard', 'checkout-overview');
    const local = new URL(`http://localhost:4173/grafana${url.pathname}${url.search}`);
    expect(findAdapters(local, doc).map((a) => a.kind)).toEqual(['grafana-dashboard']);
    // The same path on a page that is not Grafana is left to the generic extractor.
    const plain = new DOMParser().parseFromString('<html><body><h1>Not grafana</h1></body></html>', 'text/html');
    expect(findAdapters(local, plain)).toEqual([]);
  });

  it('records a broken adapter and lets the caller fall back', () => {
    const { doc, url } = loadSiteFixture('grafana-dashboard', 'checkout-overview');
    // Simulates a console redesign: the query selector engine throws on the page.
    const broken = new Proxy(doc, {
      get(target, prop) {
        if (prop === 'querySelectorAll' || prop === 'querySelector') return () => {
          throw new Error('markup changed');
        };
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const result = captureSitePage(broken, url, new Date());
    expect(result.structured).toBeUndefined();
    expect(result.failures).toEqual([{ kind: 'grafana-dashboard', message: 'markup changed' }]);
    // The next page is read normally: one failure leaves no state behind.
    expect(captureSitePage(doc, url, new Date()).structured?.pageKind).toBe('grafana-dashboard');
  });
});
