import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { startLlmServer, type LlmServer } from '../llm-server/server';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { siteFixtureServedUrl } from '../support/site-fixtures';
import { PHASE_LABELS } from '../../engines/phases';
import {
  JOURNEY_CASE_TITLE,
  JOURNEY_LOG_FILE,
  JOURNEY_LOG_SECRET,
  JOURNEY_SCENARIO,
  JOURNEY_STEPS,
  journeyScenario,
} from '../journey/journey-script';
import { attr, clickButton, count, createCase, launchFirefox, openExtPage, text, typeInto, waitFor } from './firefox';

/**
 * The incident journey (issue 9) in Firefox, the same script as the Chromium spec
 * (tests/e2e/journey.spec.ts) driven through the sidebar page. Screenshots (light; BiDi has no
 * media emulation, and Firefox 140 refuses its viewport override, so they keep the default window) land in tests/e2e-artifacts/journey/firefox.
 */

const SHOTS = path.resolve(import.meta.dirname, '../e2e-artifacts/journey/firefox');

let browser: Browser;
let llm: LlmServer;
let pages: FixtureServer;

before(async () => {
  llm = await startLlmServer({ scenario: 'default' });
  llm.addScenario(JOURNEY_SCENARIO, journeyScenario());
  pages = await startFixtureServer();
  browser = await launchFirefox();
});

after(async () => {
  await browser?.close();
  await pages?.close();
  await llm?.close();
});

async function snap(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-light.png`) as `${string}.png` });
}

const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);
const lastAnswer = (panel: Page) =>
  panel.evaluate(() => {
    const all = document.querySelectorAll('[data-role="assistant"]');
    const last = all[all.length - 1] as HTMLElement | undefined;
    return { text: last?.innerText ?? '', status: last?.getAttribute('data-status') ?? '' };
  });

async function openTab(panel: Page, label: string) {
  const handle = await waitFor(
    () => panel.evaluateHandle((l) => [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent?.trim().startsWith(l)) ?? null, label),
    (h) => h.asElement() !== null,
    `tab ${label}`,
  );
  await (handle.asElement() as ElementHandle<HTMLElement>).click();
}

describe('Firefox: the incident journey', () => {
  test('from a Grafana error spike to an exported postmortem', { timeout: 240_000 }, async () => {
    const options = await openExtPage(browser, 'options.html', 'h1');
    await clickButton(options, 'Add provider');
    await typeInto(options, 'input[placeholder="OpenAI"]', 'Scripted');
    await typeInto(options, 'input[placeholder="https://api.openai.com/v1"]', llm.openaiBaseUrl);
    await typeInto(options, 'input[placeholder="gpt-4o-mini"]', `scripted/${JOURNEY_SCENARIO}`);
    await typeInto(options, 'input[type="password"]', 'sk-journey-firefox-0000');
    await clickButton(options, 'Save provider');
    await waitFor(() => count(options, '[data-testid="provider-row"]'), (n) => n === 1, 'provider row');
    await options.close();

    const grafana = await browser.newPage();
    await grafana.goto(siteFixtureServedUrl(pages.url, 'grafana-dashboard', 'checkout-overview'));

    const panel = await openExtPage(browser, 'sidepanel.html', '[data-testid="side-panel"]');
    await createCase(panel, JOURNEY_CASE_TITLE);
    await waitFor(() => bodyText(panel), (t) => t.includes('Will capture: Checkout overview'), 'target tab');
    await clickButton(panel, 'Capture page');
    await openTab(panel, 'Evidence');
    await waitFor(() => count(panel, '[data-testid="evidence-page-kind"]'), (n) => n === 1, 'captured dashboard');
    assert.equal(await text(panel, '[data-testid="evidence-page-kind"]'), 'grafana-dashboard');
    const input = (await panel.$('[data-testid="file-upload-input"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(JOURNEY_LOG_FILE);
    await waitFor(() => count(panel, '[data-testid="evidence-item"]'), (n) => n === 2, 'uploaded log', 30_000);
    await snap(panel, '02-evidence');

    for (const [index, step] of JOURNEY_STEPS.entries()) {
      if (step.action.type === 'ask') {
        await openTab(panel, 'Chat');
        await typeInto(panel, 'textarea[aria-label="Message"]', step.action.text);
        await clickButton(panel, 'Send');
      } else {
        await openTab(panel, 'Investigation');
        await clickButton(panel, step.action.label);
        await openTab(panel, 'Chat');
      }
      const answer = await waitFor(() => lastAnswer(panel), (a) => a.status === 'complete' && a.text.includes(step.expect.answerIncludes), `answer ${index + 1}`, 20_000);
      if (index === 0) {
        assert.match(answer.text, /\[E1\]/);
        assert.match(answer.text, /\[E2\]/);
        const sent = JSON.stringify(llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body);
        assert.ok(sent.includes('OutOfMemoryError'), 'the log reached the model');
        assert.ok(!sent.includes(JOURNEY_LOG_SECRET), 'the secret did not');
        await snap(panel, '03-answer');
      }
      await openTab(panel, 'Investigation');
      const phase = PHASE_LABELS[step.expect.phase];
      await waitFor(() => text(panel, '[data-testid="current-phase"]'), (t) => t.replace('✓', '').trim() === phase, `phase ${phase}`);
      if (index === 0) {
        assert.equal(await count(panel, '[data-testid="hypothesis"]'), 2);
        await snap(panel, '04-hypotheses');
      }
      await openTab(panel, 'Chat');
    }

    await waitFor(() => text(panel, '[data-testid="case-phase"]'), (t) => t.includes('resolved'), 'resolved');
    await clickButton(panel, 'Close case');
    await waitFor(() => text(panel, '[data-testid="case-phase"]'), (t) => t.includes('closed'), 'closed');
    assert.equal(await attr(panel, 'textarea[aria-label="Message"]', 'disabled'), '');
    await snap(panel, '08-closed');

    const dashboard = await openExtPage(browser, 'dashboard.html', '[data-testid="case-history"]');
    await waitFor(
      () => dashboard.evaluate((title) => {
        const el = [...document.querySelectorAll('[data-testid="case-history"] button')].find((e) => e.textContent?.includes(title)) as HTMLElement | undefined;
        el?.click();
        return Boolean(el);
      }, JOURNEY_CASE_TITLE),
      Boolean,
      'case in history',
    );
    const preview = await waitFor(() => text(dashboard, '[data-testid="postmortem-preview"]'), (t) => t.includes('Root cause'), 'postmortem preview');
    for (const section of ['Summary', 'Impact', 'Timeline', 'Root cause', 'Evidence', 'Actions']) {
      assert.match(preview, new RegExp(`^#+ ${section}`, 'm'), section);
    }
    assert.ok(preview.includes('PriceCache'));
    assert.ok(preview.includes('kubectl rollout undo deployment/checkout-api -n prod'));
    assert.ok(!preview.includes(JOURNEY_LOG_SECRET));
    await snap(dashboard, '09-dashboard-postmortem');
  });
});
