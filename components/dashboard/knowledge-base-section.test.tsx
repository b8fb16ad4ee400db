// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FaultMavenDB } from '@/lib/db/schema';
import { KnowledgeBaseService, type KbServiceOptions } from '@/lib/kb/knowledge-base-service';
import { memoryModelCache } from '@/lib/kb/node/memory-model-cache';
import { TransformerEmbedder, type TransformersRuntime } from '@/lib/kb/transformer-embedder';
import { makePdf } from '@/tests/support/make-pdf';
import { startModelFileServer, TINY_BERT_DIR } from '@/tests/support/model-file-server';
import { GLOBAL_PACK_FILE, WORD_VECTORS_FILE } from '@/lib/kb/node/artifacts';
import type { KbPack } from '@/lib/kb/pack-format';
import { createCommandHandlers } from '@/lib/background/command-handlers';
import type { CommandHandlers } from '@/lib/messaging/protocol';
import { KnowledgeBaseSection, type KbClient } from './knowledge-base-section';

let db: FaultMavenDB | undefined;

// This file runs under happy-dom, where the package's browser build would be picked: load its
// Node build (native ONNX Runtime) explicitly, as the service worker's WASM build needs a browser.
const TRANSFORMERS_NODE = path.resolve('node_modules/@huggingface/transformers/dist/transformers.node.mjs');

afterEach(async () => {
  cleanup();
  db?.close();
  await db?.delete();
});

/** The real command handlers and knowledge-base service, called without the messaging hop. */
function realClient(options: KbServiceOptions = {}): KbClient {
  db = new FaultMavenDB(`kb-ui-${crypto.randomUUID()}`);
  const kb = new KnowledgeBaseService(
    db,
    {
      wordVectors: async () => fs.readFileSync(WORD_VECTORS_FILE),
      globalPack: async () => JSON.parse(fs.readFileSync(GLOBAL_PACK_FILE, 'utf8')) as KbPack,
    },
    options,
  );
  const handlers: CommandHandlers = createCommandHandlers(db, 0, undefined, kb);
  return ((name, payload) => (handlers[name] as (p: typeof payload, s: object) => Promise<never>)(payload, {})) as KbClient;
}

describe('KnowledgeBaseSection', () => {
  it('uploads, lists, reports bad files, searches with citations and removes', async () => {
    const user = userEvent.setup();
    render(<KnowledgeBaseSection client={realClient()} />);
    await screen.findByText(/73 documents/);

    const runbook = new File(['# Ledger DB failover\n## Fixes\nPromote the standby ledger replica and repoint the writers.'], 'ledger.md', { type: 'text/markdown' });
    const empty = new File([''], 'empty.md', { type: 'text/markdown' });
    const page = new File(['<html><body><h1>Vault sealed</h1><p>Unseal with three key shares.</p></body></html>'], 'vault.html', { type: 'text/html' });
    await user.upload(screen.getByLabelText(/Add runbooks/), [runbook, empty, page]);
    const results = await screen.findByRole('list', { name: 'Upload results' });
    expect(results.textContent).toContain('ledger.md: 1 chunks indexed');
    expect(results.textContent).toContain('empty.md: "empty.md" is empty');
    expect(results.textContent).toContain('vault.html: 1 chunks indexed');
    await screen.findByText(/Your documents \(2\)/);
    expect(screen.getByText(/Vault sealed/)).toBeTruthy();

    await user.type(screen.getByLabelText(/Try a search/), 'promote the standby ledger replica');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const found = await screen.findByLabelText('Search results');
    expect(found.textContent).toContain('Ledger DB failover › Fixes');

    // Preview shows the stored chunks; re-index one and all rewrites them and search still finds them.
    await user.click(screen.getByRole('button', { name: 'Preview Ledger DB failover' }));
    const preview = await screen.findByRole('article', { name: 'Opened document' });
    expect(preview.textContent).toContain('Promote the standby ledger replica');
    await user.click(screen.getByRole('button', { name: 'Close the preview' }));
    expect(screen.queryByRole('article', { name: 'Opened document' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Re-index Ledger DB failover' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Upload results' }).textContent).toMatch(/Re-indexed 1 document \(1 chunks\) with static-glove/));
    await user.click(screen.getByRole('button', { name: 'Re-index all' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Upload results' }).textContent).toMatch(/Re-indexed 2 documents \(2 chunks\)/));
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(screen.getByLabelText('Search results').textContent).toContain('Ledger DB failover › Fixes'));

    vi.stubGlobal('confirm', () => true);
    await user.click(screen.getByRole('button', { name: 'Remove Ledger DB failover' }));
    await waitFor(() => expect(screen.getByText(/Your documents \(1\)/)).toBeTruthy());
  });
});

describe('KnowledgeBaseSection: PDFs and the embedding model', () => {
  it('indexes a PDF upload and explains a corrupt one, a 100 MB file and a duplicate', async () => {
    const user = userEvent.setup();
    render(<KnowledgeBaseSection client={realClient()} />);
    await screen.findByText(/73 documents/);
    const pdf = new File([makePdf([['Symptoms', 'Writes fail with read-only errors.'], ['Fix', 'Promote the standby ledger replica.']], { title: 'Ledger failover' })], 'ledger.pdf', { type: 'application/pdf' });
    const again = new File([await pdf.arrayBuffer()], 'ledger-copy.pdf', { type: 'application/pdf' });
    const broken = new File(['%PDF-1.7 truncated'], 'broken.pdf', { type: 'application/pdf' });
    const huge = new File(['x'], 'huge.md', { type: 'text/markdown' });
    Object.defineProperty(huge, 'size', { value: 100 * 1024 * 1024 });
    await user.upload(screen.getByLabelText(/Add runbooks/), [pdf, again, broken, huge]);
    const results = await screen.findByRole('list', { name: 'Upload results' }, { timeout: 10_000 });
    expect(results.textContent).toMatch(/ledger\.pdf: \d+ chunks indexed/);
    expect(results.textContent).toContain('ledger-copy.pdf: already indexed as “Ledger failover”');
    expect(results.textContent).toContain('broken.pdf: "broken.pdf" is not a readable PDF');
    expect(results.textContent).toContain('huge.md: "huge.md" is 100.0 MB');
    await screen.findByText(/Your documents \(1\)/);

    await user.type(screen.getByLabelText(/Try a search/), 'promote the standby ledger replica');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect((await screen.findByLabelText('Search results')).textContent).toContain('Ledger failover › Page');
  });

  it('switches to a transformer model with a progress bar and explains a host it cannot reach', async () => {
    const server = await startModelFileServer();
    const unreachable = await startModelFileServer();
    await unreachable.close();
    try {
      const user = userEvent.setup();
      const transformers = (await import(/* @vite-ignore */ TRANSFORMERS_NODE)) as TransformersRuntime;
      // happy-dom's fetch breaks on streamed bodies, so the model files are put in the cache the
      // way a first download leaves them; downloads themselves are covered in lib/kb (Node fetch).
      const cache = memoryModelCache();
      for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
        await cache.put(`${server.url}test/tiny-bert/resolve/main/${file}`, new Response(fs.readFileSync(path.join(TINY_BERT_DIR, file))));
      }
      render(
        <KnowledgeBaseSection
          client={realClient({ loadTransformer: (model, onProgress) => TransformerEmbedder.load(model, { runtime: transformers, cache, device: 'cpu', onProgress }) })}
        />,
      );
      const settings = await screen.findByRole('region', { name: 'Embedding model' });
      await waitFor(() => expect(settings.textContent).toContain('built-in word vectors (offline)'));
      expect((screen.getByLabelText('Model host') as HTMLInputElement).value).toBe('https://huggingface.co/');
      expect((screen.getByLabelText('Model') as HTMLInputElement).value).toBe('Xenova/all-MiniLM-L6-v2');

      await user.clear(screen.getByLabelText('Model host'));
      await user.type(screen.getByLabelText('Model host'), unreachable.url);
      await user.click(screen.getByRole('button', { name: 'Download and use this model' }));
      expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toMatch(/Could not load the embedding model Xenova\/all-MiniLM-L6-v2 .*could not be reached/);
      expect(screen.getByTestId('active-embedder').textContent).toContain('built-in');

      await user.clear(screen.getByLabelText('Model host'));
      await user.type(screen.getByLabelText('Model host'), server.url);
      await user.clear(screen.getByLabelText('Model'));
      await user.type(screen.getByLabelText('Model'), 'test/tiny-bert');
      await user.selectOptions(screen.getByLabelText('Precision'), 'fp32');
      await user.click(screen.getByRole('button', { name: 'Download and use this model' }));
      expect(await screen.findByRole('progressbar', { name: 'Embedding model progress' })).toBeTruthy();
      await waitFor(() => expect(screen.getByTestId('active-embedder').textContent).toBe('test/tiny-bert@fp32 (transformer)'), { timeout: 10_000 });
      await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
      expect(screen.queryByRole('alert')).toBeNull();
      expect(server.requests).toEqual([]);
      await screen.findByText(/model transformer:test\/tiny-bert@fp32/);
      expect(screen.getByRole('button', { name: 'Use the built-in embedder' })).toBeTruthy();
    } finally {
      await server.close();
    }
  });
});

describe('KnowledgeBaseSection: a cited document opened from an answer', () => {
  it('shows the document named in ?doc= with its sections', async () => {
    render(<KnowledgeBaseSection client={realClient()} openDocumentId="global:nginx-504-gateway-timeout" />);
    const opened = await screen.findByRole('article', { name: 'Opened document' });
    expect(opened.textContent).toContain('global · ');
    expect(opened.textContent).toMatch(/504/);
  });
});
