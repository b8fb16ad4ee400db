import { expect, type Page } from '@playwright/test';

/** Adds a provider through the real options page form (kind: the option label, default OpenAI). */
export async function addProviderViaOptions(page: Page, input: { label: string; baseUrl: string; model: string; apiKey: string; kind?: string }) {
  await page.getByRole('button', { name: 'Add provider' }).click();
  if (input.kind) await page.getByLabel('Provider kind').selectOption({ label: input.kind });
  await page.getByLabel('Name', { exact: true }).fill(input.label);
  await page.getByLabel('Base URL', { exact: true }).fill(input.baseUrl);
  await page.getByLabel('Model', { exact: true }).fill(input.model);
  await page.getByLabel(/API key/).fill(input.apiKey);
  await page.getByRole('button', { name: 'Save provider' }).click();
  await expect(page.getByTestId('provider-row').filter({ hasText: input.label })).toBeVisible();
}

/** Stores a provider through the protocol, as the options page does, from any extension page. */
export async function addProviderViaCommand(page: Page, input: { label: string; baseUrl: string; model: string; apiKey?: string }) {
  const reply = await page.evaluate(
    (payload) => chrome.runtime.sendMessage({ fm: 'command', name: 'providers/save', payload }),
    input,
  );
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
}

export async function createCaseInPanel(panel: Page, title: string) {
  await expect(panel.getByTestId('side-panel')).toHaveAttribute('data-ready', 'true');
  const form = panel.getByRole('form', { name: 'New case' });
  if (!(await form.isVisible())) await panel.getByRole('button', { name: 'New case' }).click();
  await panel.getByLabel('What is happening?').fill(title);
  await panel.getByRole('button', { name: 'Start case' }).click();
  await expect(panel.getByTestId('case-title')).toHaveText(title);
}

export async function sendMessage(panel: Page, text: string) {
  await panel.getByLabel('Message').fill(text);
  await panel.getByRole('button', { name: 'Send' }).click();
}
