import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { startLlmServer, type LlmServer } from '../llm-server/server';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { attr, clickButton, count, launchFirefox, openExtPage, sleep, text, typeInto, waitFor, createCase } from './firefox';

let browser: Browser;
let llm: LlmServer;
let pages: FixtureServer;

before(async () => {
  llm = await startLlmServer({ scenario: 'default' });
  pages = await startFixtureServer();
  // A short idle timeout lets the suspension test see the event page stop and restart.
  browser = await launchFirefox({ backgroundIdleMs: 3_000 });
});

after(async () => {
  await browser?.close();
  await pages?.close();
  await llm?.close();
});


async function ask(panel: Page, question: string) {
  await typeInto(panel, 'textarea[aria-label="Message"]', question);
  await clickButton(panel, 'Send');
}

/** Calls the background page's e2e hook (Firefox exposes the event page to extension pages). */
function background<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async (name, a) => {
      const bg = (await (globalThis as any).browser.runtime.getBackgroundPage()) as any;
      return bg.__fmTest[name](...a);
    },
    fn,
    args,
  ) as Promise<T>;
}

describe('Firefox: the first case slice', () => {
  test('the sidebar, its shortcut and the context menu are registered', async () => {
    const page = await openExtPage(browser, 'options.html', 'h1');
    const wiring = await page.evaluate(async () => {
      const b = (globalThis as any).browser;
      const commands = (await b.commands.getAll()) as { name: string; shortcut: string }[];
      let menu = false;
      for (let i = 0; i < 50 && !menu; i++) {
        menu = await b.contextMenus.update('fm-add-evidence', {}).then(() => true, () => false);
        if (!menu) await new Promise((r) => setTimeout(r, 100));
      }
      return {
        panel: (await b.sidebarAction.getPanel({})) as string,
        shortcut: commands.find((c) => c.name === '_execute_sidebar_action')?.shortcut,
        menu,
      };
    });
    assert.match(wiring.panel, /\/sidepanel\.html$/);
    assert.equal(wiring.shortcut, 'Alt+Shift+F');
    assert.equal(wiring.menu, true);
    await page.close();
  });

  test('provider from the options page, a case, and a streamed Markdown answer', async () => {
    const options = await openExtPage(browser, 'options.html', 'h1');
    await clickButton(options, 'Add provider');
    await typeInto(options, 'input[placeholder="OpenAI"]', 'Scripted');
    await typeInto(options, 'input[placeholder="https://api.openai.com/v1"]', llm.openaiBaseUrl);
    await typeInto(options, 'input[placeholder="gpt-4o-mini"]', 'scripted/default');
    await typeInto(options, 'input[type="password"]', 'sk-firefox-key-9876');
    await clickButton(options, 'Save provider');
    await waitFor(() => text(options, '[data-testid="provider-row"]'), (t) => t.includes('sk-…9876'), 'provider row');
    await clickButton(options, 'Test connection');
    const result = await waitFor(() => text(options, '[data-testid="connection-result"]'), (t) => /Connected|Failed/.test(t), 'test result');
    assert.match(result, /Connected in \d+ ms/);
    await options.close();

    const panel = await openExtPage(browser, 'sidepanel.html', '[data-testid="side-panel"]');
    await createCase(panel, 'firefox: api latency');
    await ask(panel, 'what changed?');
    await waitFor(() => attr(panel, '[data-role="assistant"]', 'data-status'), (s) => s === 'complete', 'complete answer');
    assert.ok((await count(panel, '[data-role="assistant"] pre')) >= 1, 'code block rendered');
    assert.ok((await count(panel, '[data-role="assistant"] h1, [data-role="assistant"] h2, [data-role="assistant"] h3')) >= 1, 'heading rendered');
    assert.match(await text(panel, '[data-testid="answered-by"]'), /Scripted · scripted\/default/);
    await panel.close();

    const reopened = await openExtPage(browser, 'sidepanel.html', '[data-role="assistant"][data-status="complete"]');
    assert.equal(await text(reopened, '[data-role="user"]'), 'what changed?');
    await reopened.close();
  });

  test('capture the web page beside the panel, and "Add as evidence" from the context menu', async () => {
    const grafana = await browser.newPage();
    await grafana.goto(`${pages.url}/grafana-checkout.html`);
    const panel = await openExtPage(browser, 'sidepanel.html', '[data-testid="side-panel"]');
    await createCase(panel, 'firefox: checkout 5xx');
    await waitFor(() => panel.evaluate(() => document.body.innerText), (t) => t.includes('Will capture: Checkout service · Grafana'), 'target tab');
    await clickButton(panel, 'Capture page');
    await clickButton(panel, 'Evidence (1)');
    const item = await text(panel, '[data-testid="evidence-item"]');
    assert.match(item, /Checkout service · Grafana/);
    assert.match(item, /grafana-checkout\.html/);

    const tab = await panel.evaluate(async (url) => {
      // Match patterns with a port do not match in Firefox: filter by hand.
      const t = ((await (globalThis as any).browser.tabs.query({})) as any[]).find((x) => x.url === url);
      return { id: t.id, title: t.title, url: t.url };
    }, `${pages.url}/grafana-checkout.html`);
    const selection = await background<{ kind: string; text: string }>(panel, 'handleContextClick', { selectionText: 'connection pool exhausted', pageUrl: tab.url }, tab);
    assert.equal(selection.kind, 'selection');
    const page = await background<{ kind: string; text: string }>(panel, 'handleContextClick', { pageUrl: tab.url }, tab);
    assert.equal(page.kind, 'page');
    assert.match(page.text, /CheckoutHighErrorRate/);
    await waitFor(() => count(panel, '[data-testid="evidence-item"]'), (n) => n === 3, 'three evidence items');
    await panel.close();
    await grafana.close();
  });

  test('the background suspends when idle; data survives and the next turn works', async () => {
    // The options page holds no port, so nothing keeps the event page awake.
    const options = await openExtPage(browser, 'options.html', 'h1');
    const ping = () => options.evaluate(() => (globalThis as any).browser.runtime.sendMessage({ fm: 'command', name: 'system/ping', payload: {} }));
    const before = await ping();
    await sleep(7_000);
    const afterIdle = await ping();
    assert.ok(afterIdle.value.startedAt > before.value.startedAt, 'the event page was suspended and restarted');
    await options.close();

    const panel = await openExtPage(browser, 'sidepanel.html', '[data-testid="side-panel"][data-ready="true"]');
    assert.equal(await text(panel, '[data-testid="case-title"]'), 'firefox: checkout 5xx');
    await ask(panel, 'still there?');
    await waitFor(() => attr(panel, '[data-role="assistant"]', 'data-status'), (s) => s === 'complete', 'answer after restart');
    await panel.close();
  });
});
