// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { siteFixtureHtml, siteFixtureUrl } from '@/tests/support/site-fixtures';
import { capturePage, capturePageWhenStable } from './capture-in-page';
import { VirtualClock } from '@/tests/support/virtual-clock';
import { DEFAULT_SETTLE } from './stable-snapshot';

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

describe('capturePageWhenStable (a page that changes while it is read)', () => {
  // The page's activity runs on a virtual clock shared with the settle wait (see
  // tests/support/virtual-clock.ts): real timers under load would make these tests flaky.
  // The e2e suites run the same fixtures on real timers in Chromium and Firefox.

  it('reads a live tail as one consistent snapshot (no gap, no duplicate) and says it was live', async () => {
    // What tests/fixtures/pages/live-tail.html does: a row every 4 ms, only the newest 50 kept
    // (a list here: happy-dom lacks HTMLTableElement.rows; the e2e reads the real table page).
    show('<html><head><title>Live tail</title></head><body><h1>Live tail</h1><ul id="rows"></ul></body></html>', 'https://logs.example.com/tail');
    const rows = document.getElementById('rows')!;
    let seq = 0;
    const append = () => {
      rows.insertAdjacentHTML('beforeend', `<li>L${++seq} INFO GET /api/cart 200</li>`);
      if (rows.children.length > 50) rows.firstElementChild!.remove();
    };
    for (let i = 0; i < 50; i++) append();
    const clock = new VirtualClock();
    clock.every(4, append);
    const page = await capturePageWhenStable(40_000, Date.parse('2026-11-24T15:00:00Z'), DEFAULT_SETTLE, clock);
    expect(page.liveness).toEqual({ settled: false, busy: false, waitedMs: 1_200, changes: 600 });
    expect(page.text).toMatch(
      /^\[Live page: it kept changing \(600 DOM changes in 1\.2 s, e\.g\. a live log tail or auto-refresh\) when captured\. This is one consistent snapshot taken at 15:00:01\.200 UTC; anything added after that is not in it/,
    );
    expect(page.alerts.at(-1)).toMatch(/^Live page:/);
    const seen = [...page.text.matchAll(/^- L(\d+) INFO/gm)].map((m) => Number(m[1]));
    // 50 rows before the capture plus one every 4 ms for 1.2 s: the newest 50 are L301…L350.
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => 301 + i));
  });

  it('reads the new view of a single-page app that swaps its view mid-capture, not the skeleton', async () => {
    show('<html><head><title>Incidents</title></head><body><main id="view"><h1>Incident list</h1><p>INC-41 resolved</p></main></body></html>', 'https://console.example.com/incidents');
    const view = document.getElementById('view')!;
    const clock = new VirtualClock();
    // As in tests/fixtures/pages/spa-swap.html: route change and a busy skeleton for 400 ms
    // (longer than the quiet period: only aria-busy keeps the wait going), then rows one by one.
    clock.at(20, () => {
      history.pushState({}, '', '/incidents/42');
      view.innerHTML = '<div aria-busy="true">Loading incident…</div>';
    });
    clock.at(420, () => (view.innerHTML = '<h1>INC-42: checkout 5xx</h1><ul id="checks"></ul>'));
    for (let i = 1; i <= 12; i++) {
      clock.at(420 + i * 10, () => document.getElementById('checks')!.insertAdjacentHTML('beforeend', `<li>check-${i}${i === 12 ? ' FAILING: connection pool exhausted' : ' ok'}</li>`));
    }
    const page = await capturePageWhenStable(40_000, Date.now(), DEFAULT_SETTLE, clock);
    expect(page.liveness).toMatchObject({ settled: true, busy: false, waitedMs: 540 + DEFAULT_SETTLE.quietMs });
    expect(page.liveness!.changes).toBeGreaterThanOrEqual(12 + 2);
    expect(page.url).toBe('https://console.example.com/incidents/42');
    expect(page.text).toContain('# INC-42: checkout 5xx');
    expect(page.text).toContain('check-12 FAILING: connection pool exhausted');
    expect(page.text).not.toContain('Loading incident');
    expect(page.text).not.toContain('INC-41');
    expect(page.text).not.toMatch(/^\[Live page/);
  });

  it('captures a site adapter page that keeps changing with the live note in its structured evidence too', async () => {
    const html = siteFixtureHtml('cloudwatch-logs-insights', 'large-results');
    show(html, siteFixtureUrl(html));
    const clock = new VirtualClock();
    clock.every(20, () => document.body.insertAdjacentHTML('beforeend', '<span hidden>tick</span>'));
    const page = await capturePageWhenStable(40_000, Date.parse('2026-11-24T13:00:00Z'), DEFAULT_SETTLE, clock);
    expect(page.structured?.pageKind).toBe('cloudwatch-logs-insights');
    expect(page.structured?.notices.at(-1)).toMatch(/^Live page: it kept changing/);
    expect(page.structured?.text).toBe(page.text);
    expect(page.text.startsWith('[Live page:')).toBe(true);
  });
});
