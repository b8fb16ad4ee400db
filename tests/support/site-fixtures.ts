import fs from 'node:fs';
import path from 'node:path';

/** Saved console pages for the site adapters: tests/fixtures/sites/<adapter kind>/<variant>.html */
export const SITE_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/sites');

export function siteFixtureNames(kind: string): string[] {
  const dir = path.join(SITE_FIXTURES, kind);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.replace(/\.html$/, ''))
    .sort();
}

export function siteFixtureHtml(kind: string, name: string): string {
  return fs.readFileSync(path.join(SITE_FIXTURES, kind, `${name}.html`), 'utf8');
}

/** The URL the page was saved from, kept in `<meta name="fixture-url">`. */
export function siteFixtureUrl(html: string): string {
  const m = /<meta name="fixture-url" content="([^"]+)"/.exec(html);
  if (!m) throw new Error('fixture has no <meta name="fixture-url">');
  return m[1]!.replace(/&amp;/g, '&');
}

/** Parses a fixture into a live Document (needs a DOM environment such as happy-dom). */
export function loadSiteFixture(kind: string, name: string): { doc: Document; url: URL } {
  const html = siteFixtureHtml(kind, name);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return { doc, url: new URL(siteFixtureUrl(html)) };
}

/**
 * Where the fixture server serves a saved page so that its adapter's URL predicate matches:
 * the real console path, query and hash on localhost, plus `fm-fixture` naming the file.
 */
export function siteFixtureServedUrl(base: string, kind: string, name: string): string {
  const real = new URL(siteFixtureUrl(siteFixtureHtml(kind, name)));
  const local = new URL(`${real.pathname}${real.search}${real.hash}`, base);
  local.searchParams.set('fm-fixture', `${kind}/${name}`);
  return local.href;
}
