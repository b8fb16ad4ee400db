// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { siteFixtureHtml, siteFixtureUrl } from '@/tests/support/site-fixtures';
import { capturePage } from './capture-in-page';

function show(html: string, url: string) {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.open();
  document.write(html);
  document.close();
}

describe('capturePage (runs inside the captured tab)', () => {
  it('returns structured evidence when an adapter recognises the page, capped to the size limit', () => {
    const html = siteFixtureHtml('cloudwatch-logs-insights', 'large-results');
    show(html, siteFixtureUrl(html));
    const page = capturePage(5_000, Date.parse('2026-11-24T13:00:00Z'));
    expect(page.structured?.pageKind).toBe('cloudwatch-logs-insights');
    expect(page.truncated).toBe(true);
    expect(page.text.length).toBeLessThanOrEqual(5_000 + 20);
    expect(page.structured?.text).toBe(page.text);
    expect(page.adapterFailures).toEqual([]);
  });

  it('falls back to the generic extractor on pages no adapter knows', () => {
    show('<html><head><title>Status</title></head><body><h1>Service status</h1><p>All good</p></body></html>', 'https://status.example.com/');
    const page = capturePage(40_000, Date.now());
    expect(page.structured).toBeUndefined();
    expect(page.text).toContain('# Service status');
    expect(page.title).toBe('Status');
  });
});
