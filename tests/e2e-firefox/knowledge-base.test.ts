import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { startModelFileServer, type ModelFileServer } from '../support/model-file-server';
import { launchFirefox, openExtPage, waitFor } from './firefox';

// Firefox has no offscreen documents and no service worker here: the knowledge base (and the
// transformer embedder) runs in the MV3 event page. Same commands as the dashboard sends.
let browser: Browser;
let models: ModelFileServer;

before(async () => {
  models = await startModelFileServer();
  browser = await launchFirefox();
});

after(async () => {
  await browser?.close();
  await models?.close();
});

function send<T>(page: Page, name: string, payload: unknown): Promise<T> {
  return page.evaluate(
    async (n, p) => {
      const reply = (await (globalThis as any).browser.runtime.sendMessage({ fm: 'command', name: n, payload: p })) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!reply.ok) throw new Error(reply.error?.message ?? 'command failed');
      return reply.value;
    },
    name,
    payload,
  ) as Promise<T>;
}

interface EmbedderStatus {
  activeEmbedderId: string;
  job: { progress: number } | null;
  error: string | null;
}

describe('Firefox: knowledge base', () => {
  test('switches to a transformer model from a model URL on WASM in the event page, then searches with it', async () => {
    const page = await openExtPage(browser, 'dashboard.html#knowledge', 'section[aria-label="Embedding model"]');
    const before = await send<EmbedderStatus>(page, 'kb/embedder-status', {});
    assert.match(before.activeEmbedderId, /^static-glove/);

    await send(page, 'kb/set-embedder', { kind: 'transformer', model: { hostUrl: models.url, modelId: 'test/tiny-bert', dtype: 'fp32' } });
    const done = await waitFor(() => send<EmbedderStatus>(page, 'kb/embedder-status', {}), (s) => s.job === null, 'the model switch to finish', 90_000);
    assert.equal(done.error, null);
    assert.equal(done.activeEmbedderId, 'transformer:test/tiny-bert@fp32');
    assert.ok(models.requests.includes('/test/tiny-bert/resolve/main/onnx/model.onnx'));

    const result = await send<{ hits: { document: { id: string } }[] }>(page, 'kb/search', { query: 'nginx upstream timed out 504', k: 3 });
    assert.equal(result.hits[0]?.document.id, 'global:nginx-504-gateway-timeout');
  });
});
