import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addProviderViaOptions, createCaseInPanel, sendMessage } from './actions';
import { makePdf } from '../support/make-pdf';
import { startModelFileServer } from '../support/model-file-server';

const RUNBOOK = `# Orders consumer lag after a deploy

Tags: kafka, orders

## Symptoms
The orders consumer group lag keeps growing after a deploy and partitions keep rebalancing.

## Fix
Roll back the consumer deploy, then raise max.poll.interval.ms so slow batches stop triggering rebalances.
`;

const LEDGER_PDF = makePdf(
  [
    ['Symptoms', 'Writes to the ledger database fail with read-only errors (SQLSTATE 25006).'],
    ['Fix', 'Promote the standby ledger replica and repoint the writers to it.'],
  ],
  { title: 'Ledger database failover' },
);

async function uploadToKnowledgeBase(dashboard: Page) {
  await expect(dashboard.getByText(/\d+ documents · \d+ chunks/)).toBeVisible();
  await dashboard.getByLabel(/Add runbooks/).setInputFiles([
    { name: 'orders-consumer-lag.md', mimeType: 'text/markdown', buffer: Buffer.from(RUNBOOK) },
    { name: 'ledger-failover.pdf', mimeType: 'application/pdf', buffer: Buffer.from(LEDGER_PDF) },
    { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 cut short') },
  ]);
  const results = dashboard.getByRole('list', { name: 'Upload results' });
  await expect(results).toContainText(/orders-consumer-lag\.md: \d+ chunks indexed/);
  await expect(results).toContainText(/ledger-failover\.pdf: \d+ chunks indexed/);
  await expect(results).toContainText('broken.pdf: "broken.pdf" is not a readable PDF');
  await expect(dashboard.getByText('Your documents (2)')).toBeVisible();
}

test('uploads a Markdown runbook and a PDF in the dashboard and finds both with citations', async ({ extPage }) => {
  const dashboard = await extPage('dashboard.html#knowledge');
  await uploadToKnowledgeBase(dashboard);

  const search = async (query: string) => {
    await dashboard.getByLabel('Try a search').fill(query);
    await dashboard.getByRole('button', { name: 'Search' }).click();
  };
  await search('promote the standby ledger replica');
  await expect(dashboard.getByLabel('Search results').locator('article').first()).toContainText('Ledger database failover › Page');
  await expect(dashboard.getByLabel('Search results').locator('article').first()).toContainText('user · ledger-failover.pdf');
  await search('orders consumer lag keeps growing after a deploy');
  await expect(dashboard.getByLabel('Search results').locator('article').first()).toContainText('Orders consumer lag after a deploy › Symptoms');

  // Re-indexing runs in the service worker over real IndexedDB and leaves the documents searchable.
  await dashboard.getByRole('button', { name: 'Re-index all' }).click();
  await expect(dashboard.getByRole('list', { name: 'Upload results' })).toContainText(/Re-indexed 2 documents \(\d+ chunks\)/);
  await search('promote the standby ledger replica');
  await expect(dashboard.getByLabel('Search results').locator('article').first()).toContainText('Ledger database failover › Page');
});

test('a side-panel turn quotes the uploaded runbook to the model and cites it as a clickable source', async ({ context, extPage, llm }) => {
  const dashboard = await extPage('dashboard.html#knowledge');
  await uploadToKnowledgeBase(dashboard);

  const options = await extPage('options.html');
  await addProviderViaOptions(options, { label: 'Scripted', baseUrl: llm.openaiBaseUrl, model: 'scripted/default', apiKey: 'sk-test-0123456789' });
  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'orders consumer lag');
  await sendMessage(panel, 'The orders consumer lag keeps growing after a deploy. What do I do?');
  await expect(panel.locator('[data-role="assistant"]')).toHaveAttribute('data-status', 'complete');

  // The knowledge block reached the prompt, fenced as data.
  const chat = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  const prompt = JSON.stringify(chat.body);
  expect(prompt).toMatch(/<knowledge id=\\"K1\\" tier=\\"user\\" source=\\"orders-consumer-lag.md\\"/);
  expect(prompt).toContain('max.poll.interval.ms');

  // Runbooks the answer does not cite are folded under "Runbooks consulted".
  const sources = panel.getByTestId('knowledge-sources');
  if (await sources.locator('summary').count()) await sources.locator('summary').click();
  const source = sources.getByRole('button', { name: /\[K1\] Orders consumer lag after a deploy/ });
  await expect(source).toBeVisible();
  const [opened] = await Promise.all([context.waitForEvent('page'), source.click()]);
  await expect(opened).toHaveURL(/dashboard\.html\?doc=user%3A.+#knowledge/);
  const article = opened.getByRole('article', { name: 'Opened document' });
  await expect(article).toContainText('Orders consumer lag after a deploy');
  await expect(article).toContainText('raise max.poll.interval.ms');
});

test('switches to a transformer embedder loaded from a model URL, with progress, on WASM in the service worker', async ({ extPage }) => {
  const models = await startModelFileServer();
  try {
    const dashboard = await extPage('dashboard.html#knowledge');
    const section = dashboard.getByRole('region', { name: 'Embedding model' });
    await expect(dashboard.getByTestId('active-embedder')).toHaveText('built-in word vectors (offline)');

    // A missing model: a clear message, and the built-in embedder keeps serving.
    await section.getByLabel('Model host').fill(models.url);
    await section.getByLabel('Model', { exact: true }).fill('test/no-such-model');
    await section.getByRole('button', { name: 'Download and use this model' }).click();
    await expect(section.getByRole('alert')).toContainText('a model file is missing there');
    await expect(dashboard.getByTestId('active-embedder')).toHaveText('built-in word vectors (offline)');

    await section.getByLabel('Model', { exact: true }).fill('test/tiny-bert');
    await section.getByLabel('Precision').selectOption('fp32');
    await section.getByRole('button', { name: 'Download and use this model' }).click();
    await expect(section.getByRole('progressbar', { name: 'Embedding model progress' })).toBeVisible();
    await expect(dashboard.getByTestId('active-embedder')).toHaveText('test/tiny-bert@fp32 (transformer)', { timeout: 60_000 });
    await expect(section.getByRole('alert')).toHaveCount(0);
    await expect(dashboard.getByText(/model transformer:test\/tiny-bert@fp32/)).toBeVisible();
    expect(models.requests.some((r) => r === '/test/tiny-bert/resolve/main/onnx/model.onnx')).toBe(true);

    // Search runs with the model's query vectors (keyword side keeps ranking sensible).
    await dashboard.getByLabel('Try a search').fill('nginx upstream timed out 504');
    await dashboard.getByRole('button', { name: 'Search' }).click();
    await expect(dashboard.getByLabel('Search results').locator('article').first()).toContainText(/504/);
  } finally {
    await models.close();
  }
});
