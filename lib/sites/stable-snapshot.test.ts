// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '@/tests/support/virtual-clock';
import { DEFAULT_SETTLE, liveNotice, pageIsBusy, readConsistently, settleDecision, waitForStablePage, type SettleOptions } from './stable-snapshot';

const FAST: SettleOptions = { quietMs: 60, maxWaitMs: 400, pollMs: 10 };
afterEach(() => {
  document.body.innerHTML = '';
});

describe('settleDecision', () => {
  const options = { quietMs: 100, maxWaitMs: 1000, pollMs: 20 };
  it('reads once the DOM has been quiet long enough and nothing is busy', () => {
    expect(settleDecision({ elapsedMs: 150, quietForMs: 100, busy: false }, options)).toBe('read-settled');
    expect(settleDecision({ elapsedMs: 150, quietForMs: 99, busy: false }, options)).toBe('wait');
  });
  it('keeps waiting while a loading indicator is shown, even on a quiet DOM', () => {
    expect(settleDecision({ elapsedMs: 500, quietForMs: 500, busy: true }, options)).toBe('wait');
  });
  it('reads anyway when the wait runs out, as an unsettled (live) snapshot', () => {
    expect(settleDecision({ elapsedMs: 1000, quietForMs: 3, busy: false }, options)).toBe('read-unsettled');
    expect(settleDecision({ elapsedMs: 1000, quietForMs: 1000, busy: true }, options)).toBe('read-unsettled');
  });
});

describe('waitForStablePage', () => {
  it('settles quickly on a static page (real clock)', async () => {
    document.body.innerHTML = '<h1>Static</h1>';
    const liveness = await waitForStablePage(document, FAST);
    expect(liveness).toMatchObject({ settled: true, changes: 0, busy: false });
    expect(liveness.waitedMs).toBeGreaterThanOrEqual(FAST.quietMs);
  });

  it('settles after the default quiet period once the page stops changing', async () => {
    document.body.innerHTML = '<ul id="rows"></ul>';
    const clock = new VirtualClock();
    for (let t = 10; t <= 300; t += 10) clock.at(t, () => document.getElementById('rows')!.insertAdjacentHTML('beforeend', '<li>x</li>'));
    const liveness = await waitForStablePage(document, DEFAULT_SETTLE, clock);
    expect(liveness).toEqual({ settled: true, changes: 30, waitedMs: 300 + DEFAULT_SETTLE.quietMs, busy: false });
  });

  it('gives up on a page that never stops changing and says how much it changed', async () => {
    document.body.innerHTML = '<ul id="rows"></ul>';
    const clock = new VirtualClock();
    clock.every(5, () => document.getElementById('rows')!.insertAdjacentHTML('beforeend', '<li>x</li>'));
    const liveness = await waitForStablePage(document, DEFAULT_SETTLE, clock);
    expect(liveness).toEqual({ settled: false, changes: DEFAULT_SETTLE.maxWaitMs / 5, waitedMs: DEFAULT_SETTLE.maxWaitMs, busy: false });
  });

  it('waits while a loading indicator shows, and says so if it never goes', async () => {
    document.body.innerHTML = '<div aria-busy="true">Loading…</div>';
    const liveness = await waitForStablePage(document, DEFAULT_SETTLE, new VirtualClock());
    expect(liveness).toEqual({ settled: false, changes: 0, waitedMs: DEFAULT_SETTLE.maxWaitMs, busy: true });
  });

  it('sees a visible aria-busy element as still loading, but not a hidden one', () => {
    document.body.innerHTML = '<div aria-busy="true" hidden>old spinner</div>';
    expect(pageIsBusy(document)).toBe(false);
    document.body.insertAdjacentHTML('beforeend', '<div aria-busy="true">Loading…</div>');
    expect(pageIsBusy(document)).toBe(true);
  });
});

describe('readConsistently', () => {
  it('reads again when the DOM changed during the read, and reports a clean read', () => {
    document.body.innerHTML = '<p id="p">before</p>';
    let calls = 0;
    const r = readConsistently(document, () => {
      calls++;
      const text = document.getElementById('p')!.textContent;
      if (calls === 1) document.getElementById('p')!.textContent = 'after';
      return text;
    });
    expect(r).toEqual({ value: 'after', consistent: true, attempts: 2 });
  });

  it('says so when the DOM never stops changing during reads', () => {
    document.body.innerHTML = '<p id="p">0</p>';
    const r = readConsistently(document, () => (document.getElementById('p')!.textContent += '1'), 3);
    expect(r).toMatchObject({ consistent: false, attempts: 3 });
  });
});

describe('liveNotice', () => {
  it('explains a live snapshot with its time, and says nothing for a settled page', () => {
    const at = Date.parse('2026-11-24T15:04:05.678Z');
    expect(liveNotice({ settled: true, changes: 3, waitedMs: 150, busy: false }, at)).toBeNull();
    expect(liveNotice({ settled: false, changes: 1234, waitedMs: 1200, busy: false }, at)).toBe(
      'Live page: it kept changing (1,234 DOM changes in 1.2 s, e.g. a live log tail or auto-refresh) when captured. This is one consistent snapshot taken at 15:04:05.678 UTC; anything added after that is not in it — capture again for newer content.',
    );
    expect(liveNotice({ settled: false, changes: 0, waitedMs: 1200, busy: true }, at)).toMatch(/^Live page: it still showed a loading indicator when captured/);
  });
});
