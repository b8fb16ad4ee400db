import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addProviderViaCommand, createCaseInPanel, sendMessage } from './actions';

/** Opens the panel page in a new browser window, as a second window's side panel would be. */
async function panelInNewWindow(opener: Page, extensionId: string): Promise<Page> {
  const [page] = await Promise.all([
    opener.context().waitForEvent('page'),
    opener.evaluate((url) => chrome.windows.create({ url }), `chrome-extension://${extensionId}/sidepanel.html`),
  ]);
  await page.waitForLoadState();
  return page;
}

test('each window keeps its own case, and drafts survive switching and reopening', async ({ extPage, extensionId }) => {
  const first = await extPage('sidepanel.html');
  await createCaseInPanel(first, 'checkout 5xx in eu-1');
  const second = await panelInNewWindow(first, extensionId);
  await createCaseInPanel(second, 'kafka consumer lag');

  // Two incidents at once: each window shows its own, even after a reload.
  await first.reload();
  await expect(first.getByTestId('case-title')).toHaveText('checkout 5xx in eu-1');
  await expect(second.getByTestId('case-title')).toHaveText('kafka consumer lag');

  // A half-typed question stays with its case through a switch and a reopened panel.
  await first.getByLabel('Message').fill('is the payments pool full?');
  await first.getByLabel('Switch case').selectOption({ label: '● kafka consumer lag' });
  await expect(first.getByTestId('case-title')).toHaveText('kafka consumer lag');
  await expect(first.getByLabel('Message')).toHaveValue('');
  await first.getByLabel('Switch case').selectOption({ label: '● checkout 5xx in eu-1' });
  await expect(first.getByLabel('Message')).toHaveValue('is the payments pool full?');
  // Reopening the panel (a fresh page load in the same window) shows the case and its draft again.
  await first.reload();
  await expect(first.getByTestId('case-title')).toHaveText('checkout 5xx in eu-1');
  await expect(first.getByLabel('Message')).toHaveValue('is the payments pool full?');
  await expect(second.getByTestId('case-title')).toHaveText('kafka consumer lag');
});

test('case header closes and reopens; shortcuts switch tabs, focus the composer and show help', async ({ extPage }) => {
  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'disk full on db-2');
  await expect(panel.getByTestId('case-status')).toHaveText('Open');

  await panel.keyboard.press('Alt+2');
  await expect(panel.getByRole('tab', { name: 'Investigation' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByTestId('incident-timeline')).toBeVisible();
  await panel.keyboard.press('Control+k');
  await expect(panel.getByRole('tab', { name: 'Chat' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByLabel('Message')).toBeFocused();
  await panel.getByRole('tab', { name: 'Chat' }).focus();
  await panel.keyboard.press('Shift+?');
  await expect(panel.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await panel.keyboard.press('Escape');
  await expect(panel.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

  await panel.getByRole('button', { name: 'Close case' }).click();
  await expect(panel.getByTestId('case-status')).toHaveText('Closed');
  await expect(panel.getByTestId('case-phase')).toContainText('closed');
  await expect(panel.getByLabel('Message')).toBeDisabled();
  await panel.getByRole('button', { name: 'Reopen' }).click();
  await expect(panel.getByTestId('case-status')).toHaveText('Open');
  await expect(panel.getByLabel('Message')).toBeEnabled();
});

test('the panel follows the system theme, light and dark', async ({ extPage }) => {
  const panel = await extPage('sidepanel.html');
  await expect(panel.getByTestId('side-panel')).toHaveAttribute('data-ready', 'true');
  const colors = () => panel.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
  await panel.emulateMedia({ colorScheme: 'light' });
  const light = await colors();
  await panel.emulateMedia({ colorScheme: 'dark' });
  const dark = await colors();
  expect(light[0]).toMatch(/^(rgb\(255, 255, 255\)|oklch\(1 0 0\))$/);
  expect(dark).not.toEqual(light);
  // Dark background, light text: the text is brighter than the background.
  const lightness = (c: string) => Number(/oklch\(([\d.]+)/.exec(c)?.[1] ?? (/rgb\((\d+)/.exec(c)?.[1] ?? 0)) / (c.startsWith('oklch') ? 1 : 255);
  expect(lightness(dark[1]!)).toBeGreaterThan(lightness(dark[0]!) + 0.5);
});

test('Esc stops the answer being streamed, keeping what was written', async ({ extPage, llm }) => {
  const panel = await extPage('sidepanel.html');
  await addProviderViaCommand(panel, { label: 'Slow', baseUrl: llm.openaiBaseUrl, model: 'scripted/slow-stream', apiKey: 'k' });
  await createCaseInPanel(panel, 'nginx 502 after deploy');
  await sendMessage(panel, 'is it the upstream?');
  const answer = panel.locator('[data-role="assistant"]');
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  await expect.poll(async () => (await answer.locator('.markdown').innerText()).length, { timeout: 15_000 }).toBeGreaterThan(20);
  await panel.keyboard.press('Escape');
  await expect(answer).toHaveAttribute('data-status', /interrupted|error/, { timeout: 15_000 });
  await expect(answer).toContainText('Stopped');
  await expect(answer.getByRole('button', { name: 'Retry' })).toBeVisible();
});
