import { test, expect } from './fixtures';
import { addProviderViaCommand, createCaseInPanel, sendMessage } from './actions';

// Issue 6: secrets are masked before any model call, consistently within the case, and the
// engineer can preview exactly what will be sent (and what was masked) before sending.
const TOKEN = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const PASSWORD = 'Pa55word!x9';

test('the preview shows the masked prompt, and the model never sees the secrets', async ({ sw, extPage, llm }) => {
  const panel = await extPage('sidepanel.html');
  await addProviderViaCommand(panel, { label: 'Scripted', baseUrl: llm.openaiBaseUrl, model: 'scripted/default', apiKey: 'k' });
  await createCaseInPanel(panel, 'deploys fail with 401');
  const caseId = await sw.evaluate(async () => (await (globalThis as any).__fmTest.db.settings.get('activeCaseId')).value);
  const added = await panel.evaluate(
    ([c, text]) => chrome.runtime.sendMessage({ fm: 'command', name: 'evidence/add-text', payload: { caseId: c, kind: 'note', title: 'ci env', text } }),
    [caseId, `GITHUB_TOKEN=${TOKEN}\nDB_PASSWORD=${PASSWORD}\nDEPLOY_TARGET=prod`] as const,
  );
  expect(added.ok).toBe(true);

  await panel.getByLabel('Message').fill(`Is ${TOKEN} revoked? I also tried ${PASSWORD}.`);
  await panel.getByRole('button', { name: 'Preview what will be sent' }).click();
  const masked = panel.getByRole('list', { name: 'Masked values' });
  await expect(masked).toContainText('GitHub token');
  await expect(masked).toContainText('Password in config');
  await expect(masked).toContainText('your message');
  const preview = panel.getByRole('region', { name: 'What will be sent' });
  await expect(preview).toContainText(/Is \[REDACTED:github-token:[a-z]{8}\] revoked\? I also tried \[REDACTED:config-password:[a-z]{8}\]\./);
  await expect(preview).not.toContainText(TOKEN);
  const placeholder = (await masked.locator('li', { hasText: 'GitHub token' }).locator('code').textContent())!;

  await panel.getByRole('button', { name: 'Send' }).click();
  await expect(panel.locator('[data-role="assistant"]')).toHaveAttribute('data-status', 'complete');
  const sent = JSON.stringify(llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body);
  expect(sent).not.toContain(TOKEN);
  expect(sent).not.toContain(PASSWORD);
  expect(sent).toContain(placeholder);

  // Next turn: the same secret gets the same placeholder.
  await sendMessage(panel, `Rotate ${TOKEN} now?`);
  await expect(panel.locator('[data-role="assistant"]')).toHaveCount(2);
  await expect(panel.locator('[data-role="assistant"]').last()).toHaveAttribute('data-status', 'complete');
  const second = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body as { messages: { content: string }[] };
  expect(second.messages.at(-1)!.content).toBe(`Rotate ${placeholder} now?`);
});
