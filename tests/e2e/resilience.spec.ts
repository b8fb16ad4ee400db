import { test, expect } from './fixtures';
import { addProviderViaCommand, createCaseInPanel, sendMessage } from './actions';
import { launchWithExtension, serviceWorker, stopServiceWorker } from './chromium';

test('service worker stopped mid-stream: the question is kept and the answer retried in place', async ({ context, sw, extPage, llm }) => {
  const panel = await extPage('sidepanel.html');
  await addProviderViaCommand(panel, { label: 'Slow', baseUrl: llm.openaiBaseUrl, model: 'scripted/slow-stream', apiKey: 'k' });
  await createCaseInPanel(panel, 'kafka consumer lag');
  const startedBefore = await sw.evaluate(() => (globalThis as any).__fmTest.startedAt);
  await sendMessage(panel, 'why is lag growing?');

  const answer = panel.locator('[data-role="assistant"]');
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  await expect.poll(async () => (await answer.locator('.markdown').innerText()).length, { timeout: 15_000 }).toBeGreaterThan(60);
  // Wait until part of the answer has been persisted (it is written every 250 ms while streaming).
  await expect
    .poll(() => sw.evaluate(async () => ((await (globalThis as any).__fmTest.db.messages.toArray()) as any[]).find((m) => m.role === 'assistant')?.content.length ?? 0))
    .toBeGreaterThan(60);

  await stopServiceWorker(context, panel);

  // The panel notices the dropped port, wakes the worker, and recovery marks the answer.
  await expect(answer).toHaveAttribute('data-status', 'interrupted', { timeout: 15_000 });
  await expect(answer).toContainText('interrupted');
  await expect(panel.locator('[data-role="user"]')).toHaveText('why is lag growing?');
  const partial = await answer.locator('.markdown').innerText();
  expect(partial.length).toBeGreaterThan(0);
  const startedAfter = await sw.evaluate(() => (globalThis as any).__fmTest.startedAt);
  expect(startedAfter).toBeGreaterThan(startedBefore);

  llm.addScenario('slow-stream', { replies: [{ text: '## Lag\n\nThe consumer group **rebalanced** repeatedly.', repeat: true }] });
  await answer.getByRole('button', { name: 'Retry' }).click();
  await expect(answer).toHaveAttribute('data-status', 'complete');
  await expect(answer).toContainText('The consumer group rebalanced repeatedly.');
  // Nothing duplicated: one question, one answer, in the panel and in the database.
  await expect(panel.getByTestId('message')).toHaveCount(2);
  const rows = await sw.evaluate(async () => (await (globalThis as any).__fmTest.db.messages.toArray()).map((m: any) => `${m.role}:${m.status}:${m.attempt ?? ''}`));
  expect(rows.sort()).toEqual(['assistant:complete:2', 'user:complete:']);
});

test('cases and messages survive a browser restart', async ({ profileDir, llm }) => {
  const first = await launchWithExtension(profileDir);
  const id = new URL((await serviceWorker(first)).url()).host;
  const panel = await first.newPage();
  await panel.goto(`chrome-extension://${id}/sidepanel.html`);
  await addProviderViaCommand(panel, { label: 'Scripted', baseUrl: llm.openaiBaseUrl, model: 'scripted/default', apiKey: 'k' });
  await createCaseInPanel(panel, 'nginx 502 after deploy');
  await sendMessage(panel, 'is it the upstream?');
  await expect(panel.locator('[data-role="assistant"]')).toHaveAttribute('data-status', 'complete');
  await first.close();

  const second = await launchWithExtension(profileDir);
  try {
    const again = await second.newPage();
    await again.goto(`chrome-extension://${new URL((await serviceWorker(second)).url()).host}/sidepanel.html`);
    await expect(again.getByTestId('case-title')).toHaveText('nginx 502 after deploy');
    await expect(again.locator('[data-role="user"]')).toHaveText('is it the upstream?');
    await expect(again.locator('[data-role="assistant"]')).toHaveAttribute('data-status', 'complete');
  } finally {
    await second.close();
  }
});
