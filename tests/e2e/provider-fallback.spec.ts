import type { Worker } from '@playwright/test';
import { test, expect } from './fixtures';
import { addProviderViaCommand, addProviderViaOptions, createCaseInPanel, sendMessage } from './actions';

const rows = (sw: Worker) =>
  sw.evaluate(async () => ((await (globalThis as any).__fmTest.db.messages.toArray()) as any[]).map((m) => ({ role: m.role, status: m.status, attempt: m.attempt, provider: m.provider, fallbacks: m.fallbacks, content: m.content })));

test('429 on the first provider: the next one answers at once and the answer says why', async ({ extPage, llm, sw }) => {
  llm.addScenario('e2e-limited', { replies: [{ fault: 'rate-limit', retryAfter: 30, repeat: true }] });
  const options = await extPage('options.html');
  // Added in the wrong order, then fixed from the keyboard: the chain order is the user's.
  await addProviderViaOptions(options, { kind: 'Anthropic', label: 'Backup', baseUrl: llm.anthropicBaseUrl, model: 'scripted/default', apiKey: 'sk-ant-backup-0001' });
  await addProviderViaOptions(options, { kind: 'OpenAI', label: 'Primary', baseUrl: llm.openaiBaseUrl, model: 'scripted/e2e-limited', apiKey: 'sk-primary-0002' });
  const list = options.getByTestId('provider-row');
  await expect(list.nth(0)).toContainText('Backup');
  await options.getByRole('button', { name: 'Move Primary up' }).focus();
  await options.keyboard.press('Enter');
  await expect(list.nth(0)).toContainText('Primary');
  await expect(list.nth(1)).toContainText('Backup');
  await expect(options.getByRole('button', { name: 'Move Primary down' })).toBeFocused();
  // "Test connection" works for the Anthropic kind too, and reports the 429 exactly for the other.
  await list.nth(1).getByRole('button', { name: 'Test connection' }).click();
  await expect(list.nth(1).getByTestId('connection-result')).toContainText(/Connected in \d+ ms/);
  await list.nth(0).getByRole('button', { name: 'Test connection' }).click();
  await expect(list.nth(0).getByTestId('connection-result')).toContainText('HTTP 429');

  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'checkout 502s after deploy');
  const sent = Date.now();
  await sendMessage(panel, 'what changed at 14:02?');
  const answer = panel.locator('[data-role="assistant"]');
  await expect(answer).toHaveAttribute('data-status', 'complete');
  // Retry-After was 30 s: the answer came from the backup without waiting it out.
  expect(Date.now() - sent).toBeLessThan(10_000);
  await expect(panel.getByTestId('answered-by')).toContainText('Backup · scripted/default');
  await expect(panel.getByTestId('fallback-notes')).toContainText('Primary was rate limited → Backup answered');
  await expect(panel.getByTestId('fallback-notes')).toContainText('HTTP 429');
  await expect(panel.locator('[data-role="user"]')).toHaveText('what changed at 14:02?');

  const stored = await rows(sw);
  expect(stored.find((m) => m.role === 'assistant')).toMatchObject({ status: 'complete', provider: 'Backup', fallbacks: [{ from: 'Primary', reason: 'rate-limit' }] });
  // The backup was called through the real Anthropic SDK, with the key from the options page.
  expect(llm.requests.some((r) => r.path === '/v1/messages' && (r.body as any).model === 'scripted/default')).toBe(true);
});

test('stream cut before the first token fails over; after the first token it is reported and retried in place', async ({ extPage, llm, sw }) => {
  llm.addScenario('e2e-cut-early', { replies: [{ fault: 'cut-stream', cutAfterChunks: 0, text: 'never seen', repeat: true }] });
  llm.addScenario('e2e-cut-late', {
    // Paced chunks: the cut destroys the socket, which can discard bytes the browser has not read yet.
    replies: [
      { fault: 'cut-stream', cutAfterChunks: 4, chunkChars: 12, chunkDelayMs: 150, text: 'The deploy at 14:02 changed the retry policy of checkout-api, which now', repeat: true },
    ],
  });
  const panel = await extPage('sidepanel.html');
  await addProviderViaCommand(panel, { label: 'Flaky', baseUrl: llm.openaiBaseUrl, model: 'scripted/e2e-cut-early', apiKey: 'k' });
  await addProviderViaCommand(panel, { label: 'Backup', baseUrl: llm.openaiBaseUrl, model: 'scripted/default', apiKey: 'k' });
  await createCaseInPanel(panel, 'payments latency');

  await sendMessage(panel, 'first question');
  const answers = panel.locator('[data-role="assistant"]');
  await expect(answers.nth(0)).toHaveAttribute('data-status', 'complete');
  await expect(answers.nth(0)).toContainText('connection pool exhaustion');
  await expect(panel.getByTestId('fallback-notes').nth(0)).toContainText('Flaky dropped the connection → Backup answered');

  // Now the first provider cuts the stream mid-answer: the partial text stays, nothing is
  // silently re-asked elsewhere, and Retry regenerates the same answer in place.
  await panel.evaluate(
    async ([openai]) => {
      const list = await chrome.runtime.sendMessage({ fm: 'command', name: 'providers/list', payload: {} });
      const flaky = list.value.find((p: any) => p.label === 'Flaky');
      await chrome.runtime.sendMessage({ fm: 'command', name: 'providers/save', payload: { ...flaky, baseUrl: openai, model: 'scripted/e2e-cut-late', apiKey: '' } });
    },
    [llm.openaiBaseUrl],
  );
  const backupCallsBefore = llm.requests.filter((r) => (r.body as any).model === 'scripted/default').length;
  await sendMessage(panel, 'second question');
  const second = answers.nth(1);
  await expect(second).toHaveAttribute('data-status', 'interrupted');
  await expect(second).toContainText('The deploy at 14:02');
  await expect(second).toContainText('Retry writes it again in place');
  expect(llm.requests.filter((r) => (r.body as any).model === 'scripted/default').length).toBe(backupCallsBefore);
  await expect(panel.locator('[data-role="user"]').nth(1)).toHaveText('second question');

  llm.addScenario('e2e-cut-late', { replies: [{ text: 'Complete answer: **roll back the retry policy**.', repeat: true }] });
  // A user takes longer than the short backoff after one failure, so the same provider is due again.
  await panel.waitForTimeout(600);
  await second.getByRole('button', { name: 'Retry' }).click();
  await expect(second).toHaveAttribute('data-status', 'complete');
  await expect(second).toContainText('Complete answer: roll back the retry policy.');
  await expect(panel.getByTestId('message')).toHaveCount(4);
  const stored = await rows(sw);
  expect(stored.filter((m) => m.role === 'user').map((m) => m.content).sort()).toEqual(['first question', 'second question']);
  expect(stored.filter((m) => m.role === 'assistant').map((m) => `${m.status}:${m.attempt}`).sort()).toEqual(['complete:1', 'complete:2']);
});
