// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FaultMavenDB } from '@/lib/db/schema';
import { KnowledgeBaseService } from '@/lib/kb/knowledge-base-service';
import { GLOBAL_PACK_FILE, WORD_VECTORS_FILE } from '@/lib/kb/node/artifacts';
import type { KbPack } from '@/lib/kb/pack-format';
import { createCommandHandlers } from '@/lib/background/command-handlers';
import type { CommandHandlers } from '@/lib/messaging/protocol';
import { KnowledgeBaseSection, type KbClient } from './knowledge-base-section';

let db: FaultMavenDB | undefined;

afterEach(async () => {
  db?.close();
  await db?.delete();
});

/** The real command handlers and knowledge-base service, called without the messaging hop. */
function realClient(): KbClient {
  db = new FaultMavenDB(`kb-ui-${crypto.randomUUID()}`);
  const kb = new KnowledgeBaseService(db, {
    wordVectors: async () => fs.readFileSync(WORD_VECTORS_FILE),
    globalPack: async () => JSON.parse(fs.readFileSync(GLOBAL_PACK_FILE, 'utf8')) as KbPack,
  });
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

    vi.stubGlobal('confirm', () => true);
    await user.click(screen.getByRole('button', { name: 'Remove Ledger DB failover' }));
    await waitFor(() => expect(screen.getByText(/Your documents \(1\)/)).toBeTruthy());
  });
});
