import { test, expect } from './fixtures';
import { addProviderViaOptions, createCaseInPanel, sendMessage } from './actions';

test('passphrase-protected keys: a locked key asks to unlock on the answer, then the turn completes', async ({ extPage, llm, sw }) => {
  const options = await extPage('options.html');
  await addProviderViaOptions(options, { label: 'Scripted', baseUrl: llm.openaiBaseUrl, model: 'scripted/default', apiKey: 'sk-test-secret-4321' });
  const vault = options.getByTestId('vault-section');
  await vault.getByLabel('New passphrase').fill('correct horse battery');
  await vault.getByLabel('Repeat passphrase').fill('correct horse battery');
  await vault.getByRole('button', { name: 'Encrypt keys' }).click();
  await expect(vault.getByTestId('vault-state')).toContainText('encrypted and unlocked');
  await expect(options.getByTestId('provider-row')).toContainText('key sk-…4321 (encrypted)');
  // Only ciphertext is stored.
  const stored = await sw.evaluate(async () => JSON.stringify(await (globalThis as any).__fmTest.db.providers.toArray()));
  expect(stored).not.toContain('sk-test-secret-4321');
  expect(stored).toContain('apiKeyEncrypted');

  await vault.getByRole('button', { name: 'Lock now' }).click();
  await expect(vault.getByTestId('vault-state')).toContainText('locked');
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByTestId('connection-result')).toContainText('API keys are locked');

  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'redis evictions');
  await sendMessage(panel, 'why are keys evicted?');
  const answer = panel.locator('[data-role="assistant"]');
  await expect(answer).toHaveAttribute('data-status', 'error');
  await expect(answer).toContainText('Your API keys are locked');
  await expect(panel.locator('[data-role="user"]')).toHaveText('why are keys evicted?');

  await answer.getByLabel('Passphrase').fill('wrong passphrase');
  await answer.getByRole('button', { name: 'Unlock and retry' }).click();
  await expect(answer.getByRole('alert')).toContainText('Wrong passphrase');
  await answer.getByLabel('Passphrase').fill('correct horse battery');
  await answer.getByRole('button', { name: 'Unlock and retry' }).click();
  await expect(answer).toHaveAttribute('data-status', 'complete');
  await expect(answer).toContainText('connection pool exhaustion');
  // The provider got the decrypted key.
  const last = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  expect(last.outcome).toBe('ok');
});
