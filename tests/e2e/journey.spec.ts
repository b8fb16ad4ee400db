import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addProviderViaOptions, createCaseInPanel, sendMessage } from './actions';
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

/**
 * The incident journey (issue 9) in Chromium: a Grafana dashboard with an error spike, the side
 * panel, a case, page capture, a log upload, a streamed answer citing the evidence, hypotheses,
 * confirmations that move the phases, a root cause and a fix, the case resolved and closed, and
 * the postmortem exported from the dashboard. Screenshots of every step, light and dark, land
 * in tests/e2e-artifacts/journey/chromium (the README's come from there).
 */

const SHOTS = path.resolve(import.meta.dirname, '../e2e-artifacts/journey/chromium');

async function snap(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function openTab(panel: Page, name: RegExp | string) {
  await panel.getByRole('tab', { name }).click();
}

test('the incident journey, from a Grafana error spike to an exported postmortem', async ({ context, extPage, llm, pages }) => {
  test.setTimeout(180_000);
  llm.addScenario(JOURNEY_SCENARIO, journeyScenario());
  const options = await extPage('options.html');
  await addProviderViaOptions(options, { label: 'Scripted', baseUrl: llm.openaiBaseUrl, model: `scripted/${JOURNEY_SCENARIO}`, apiKey: 'sk-journey-0000' });
  await options.close();

  // The engineer is looking at the checkout dashboard when the page goes off.
  const grafana = await context.newPage();
  await grafana.goto(siteFixtureServedUrl(pages.url, 'grafana-dashboard', 'checkout-overview'));
  await expect(grafana.getByText('12.4%')).toBeVisible();

  const panel = await extPage('sidepanel.html');
  await panel.setViewportSize({ width: 420, height: 820 });
  await expect(panel.getByTestId('side-panel')).toHaveAttribute('data-ready', 'true');
  await snap(panel, '01-welcome');

  await createCaseInPanel(panel, JOURNEY_CASE_TITLE);
  await expect(panel.getByText('Will capture: Checkout overview - Dashboards - Grafana')).toBeVisible();
  await panel.getByRole('button', { name: 'Capture page' }).click();
  await openTab(panel, /Evidence/);
  await expect(panel.getByTestId('evidence-item')).toHaveCount(1);
  await expect(panel.getByTestId('evidence-item').getByTestId('evidence-page-kind')).toHaveText('grafana-dashboard');

  await panel.getByTestId('file-upload-input').setInputFiles(JOURNEY_LOG_FILE);
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'checkout-api.log' })).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(panel.getByTestId('evidence-item')).toHaveCount(2);
  await snap(panel, '02-evidence');

  const assistant = panel.locator('[data-role="assistant"]');
  for (const [index, step] of JOURNEY_STEPS.entries()) {
    if (step.action.type === 'ask') {
      await openTab(panel, 'Chat');
      await sendMessage(panel, step.action.text);
    } else {
      // The engines' own decision buttons, under Investigation.
      await openTab(panel, 'Investigation');
      await panel.getByTestId('suggested-actions').getByRole('button', { name: step.action.label }).click();
      await openTab(panel, 'Chat');
    }
    await expect(assistant.last()).toContainText(step.expect.answerIncludes, { timeout: 20_000 });
    await expect(assistant.last()).toHaveAttribute('data-status', 'complete');

    if (index === 0) {
      // The answer cites both pieces of evidence, and the log's secret never left the browser.
      await expect(assistant.last()).toContainText('[E1]');
      await expect(assistant.last()).toContainText('[E2]');
      const first = JSON.stringify(llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body);
      expect(first).toContain('OutOfMemoryError');
      expect(first).toContain('Checkout overview');
      expect(first).not.toContain(JOURNEY_LOG_SECRET);
      // The runbooks offered are the ones for these symptoms, found from the evidence's errors.
      await expect(panel.getByTestId('knowledge-sources')).toContainText('Kubernetes container OOMKilled');
      await expect(panel.getByTestId('knowledge-sources')).toContainText('JVM java.lang.OutOfMemoryError');
      expect(first).toContain('<knowledge id=\\"K1\\"'); // JSON-escaped quotes
      await snap(panel, '03-answer');
      await openTab(panel, 'Investigation');
      await expect(panel.getByTestId('hypothesis')).toHaveCount(2);
      await expect(panel.getByTestId('hypothesis').first()).toContainText('PriceCache');
      await snap(panel, '04-hypotheses');
    }
    await openTab(panel, 'Investigation');
    // A completed phase gets a tick in front of its name.
    await expect(panel.getByTestId('current-phase')).toHaveText(new RegExp(`^(✓ )?${PHASE_LABELS[step.expect.phase]}$`));
    if (step.expect.phase === 'SOLUTION' && step.action.type === 'ask' && step.action.text.includes('traffic')) {
      await expect(panel.getByTestId('conclusion')).toContainText('PriceCache');
      await snap(panel, '05-root-cause');
    }
    if (step.action.type === 'ask' && step.action.text === 'What is the fix?') {
      await expect(panel.getByTestId('suggested-actions')).toContainText('kubectl rollout undo deployment/checkout-api -n prod');
      await snap(panel, '06-fix');
    }
    await openTab(panel, 'Chat');
  }

  // Resolved by the engines after the engineer confirmed; then the engineer closes the case.
  await expect(panel.getByTestId('case-phase')).toContainText('resolved');
  await snap(panel, '07-resolved');
  await panel.getByRole('button', { name: 'Close case' }).click();
  await expect(panel.getByTestId('case-phase')).toContainText('closed');
  await expect(panel.getByLabel('Message')).toBeDisabled();
  await snap(panel, '08-closed');

  // The postmortem, from the dashboard.
  const dashboard = await extPage('dashboard.html');
  await dashboard.getByText(JOURNEY_CASE_TITLE).first().click();
  const preview = dashboard.getByTestId('postmortem-preview');
  await expect(preview).toContainText('Root cause');
  const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-markdown').click()]);
  expect(download.suggestedFilename()).toMatch(/postmortem\.md$/);
  const markdown = fs.readFileSync((await download.path())!, 'utf8');
  for (const section of ['Summary', 'Impact', 'Timeline', 'Root cause', 'Evidence', 'Actions']) {
    expect(markdown, section).toMatch(new RegExp(`^#+ ${section}`, 'm'));
  }
  expect(markdown).toContain(JOURNEY_CASE_TITLE);
  expect(markdown).toContain('PriceCache');
  expect(markdown).toContain('kubectl rollout undo deployment/checkout-api -n prod');
  expect(markdown).toContain('Checkout overview');
  expect(markdown).toContain('checkout-api.log');
  expect(markdown).not.toContain(JOURNEY_LOG_SECRET);
  fs.writeFileSync(path.join(SHOTS, 'postmortem.md'), markdown);
  await dashboard.setViewportSize({ width: 1200, height: 900 });
  await snap(dashboard, '09-dashboard-postmortem');
});
