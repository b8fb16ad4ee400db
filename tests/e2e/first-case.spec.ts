import { test, expect } from './fixtures';
import { addProviderViaOptions, createCaseInPanel, sendMessage } from './actions';

test('set up a provider, open a case, and get a streamed Markdown answer', async ({ extPage, llm }) => {
  const options = await extPage('options.html');
  await addProviderViaOptions(options, { label: 'Scripted', baseUrl: llm.openaiBaseUrl, model: 'scripted/default', apiKey: 'sk-test-0123456789' });
  // The key is never shown back, only a hint.
  await expect(options.getByTestId('provider-row')).toContainText('key sk-…6789');
  await expect(options.locator('body')).not.toContainText('sk-test-0123456789');
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByTestId('connection-result')).toContainText(/Connected in \d+ ms/);

  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'checkout p99 latency 4x since 14:05');
  await sendMessage(panel, 'What should I check first?');

  const answer = panel.locator('[data-role="assistant"]');
  await expect(answer).toHaveAttribute('data-status', 'complete');
  await expect(answer.locator('h1, h2, h3').first()).toBeVisible();
  await expect(answer.locator('pre').first()).toBeVisible();
  await expect(answer.getByRole('button', { name: 'Copy code' }).first()).toBeVisible();
  await expect(panel.getByTestId('answered-by')).toContainText('Scripted · scripted/default');

  // The real openai SDK made the call, with the key from the options page and our prompt.
  const chat = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  const body = chat.body as { stream: boolean; messages: { role: string; content: string }[] };
  expect(body.stream).toBe(true);
  expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'What should I check first?' });
  expect(body.messages[1]!.content).toContain('Case: checkout p99 latency 4x since 14:05');

  // The structured reply drove the engines: hypotheses, a proposed problem and next steps.
  await panel.getByRole('tab', { name: 'Investigation' }).click();
  await expect(panel.getByTestId('current-phase')).toHaveText('Intake');
  await expect(panel.getByTestId('hypothesis')).toHaveCount(2);
  await expect(panel.getByTestId('hypothesis').first()).toContainText('connection pool');
  await expect(panel.getByLabel('Problem statement')).toContainText('awaiting your confirmation');
  await expect(panel.getByTestId('suggested-actions').getByRole('button', { name: 'Copy command' })).toBeVisible();
  expect((chat.body as { response_format?: { type: string } }).response_format?.type).toBe('json_schema');
  await panel.getByRole('tab', { name: 'Chat' }).click();

  // Closing and reopening the panel loses nothing.
  const answerText = await answer.locator('.markdown').innerText();
  await panel.close();
  const reopened = await extPage('sidepanel.html');
  await expect(reopened.getByTestId('case-title')).toHaveText('checkout p99 latency 4x since 14:05');
  await expect(reopened.locator('[data-role="user"]')).toHaveText('What should I check first?');
  expect(await reopened.locator('[data-role="assistant"] .markdown').innerText()).toBe(answerText);
});

test('without a provider the panel guides to settings and the question is kept', async ({ extPage }) => {
  const panel = await extPage('sidepanel.html');
  await expect(panel.getByText('No model connected yet')).toBeVisible();
  await createCaseInPanel(panel, 'disk full on db-1');
  await sendMessage(panel, 'why is the disk full?');
  const answer = panel.locator('[data-role="assistant"]');
  await expect(answer).toHaveAttribute('data-status', 'error');
  await expect(answer).toContainText('No model provider is set up yet');
  await expect(panel.locator('[data-role="user"]')).toHaveText('why is the disk full?');
});

test('a provider failure is reported plainly and the turn can be retried', async ({ extPage, llm }) => {
  const options = await extPage('options.html');
  await addProviderViaOptions(options, { label: 'Flaky', baseUrl: llm.openaiBaseUrl, model: 'scripted/server-error', apiKey: 'k' });
  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'payments 500s');
  await sendMessage(panel, 'what now?');
  const answer = panel.locator('[data-role="assistant"]');
  await expect(answer).toHaveAttribute('data-status', 'error');
  await expect(answer).toContainText('HTTP 500');

  // Same model name, now answered normally: retry fills the same answer in place.
  llm.addScenario('server-error', { replies: [{ text: 'Recovered answer: **check the pool**', repeat: true }] });
  await answer.getByRole('button', { name: 'Retry' }).click();
  await expect(answer).toHaveAttribute('data-status', 'complete');
  await expect(answer).toContainText('Recovered answer: check the pool');
  await expect(panel.locator('[data-testid="message"]')).toHaveCount(2);
});
