// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { KnowledgeBaseService } from '@/lib/kb/knowledge-base-service';
import { GLOBAL_PACK_FILE, WORD_VECTORS_FILE } from '@/lib/kb/node/artifacts';
import type { KbPack } from '@/lib/kb/pack-format';
import { createCommandHandlers } from '@/lib/background/command-handlers';
import type { CommandHandlers } from '@/lib/messaging/protocol';
import { SECRET_PASSWORD, incidentCase } from '@/tests/support/incident-case';
import { CaseDetail } from './case-detail';
import { CaseHistory } from './case-history';
import type { DashboardClient } from './dashboard-client';

/** The real command handlers over the dashboard's own database, without the messaging hop. */
function realClient(): DashboardClient {
  const kb = new KnowledgeBaseService(db, {
    wordVectors: async () => fs.readFileSync(WORD_VECTORS_FILE),
    globalPack: async () => JSON.parse(fs.readFileSync(GLOBAL_PACK_FILE, 'utf8')) as KbPack,
  });
  const handlers: CommandHandlers = createCommandHandlers(db, 0, undefined, kb);
  return ((name, payload) => (handlers[name] as (p: typeof payload, s: object) => Promise<never>)(payload, {})) as DashboardClient;
}

async function seed(): Promise<void> {
  const bundle = incidentCase();
  await db.cases.add({ ...bundle.kase, investigation: bundle.state });
  await db.messages.bulkAdd(bundle.messages);
  await db.evidence.bulkAdd(bundle.evidence);
  await db.cases.add({ id: 'case-kafka', title: 'Kafka consumer lag on orders', severity: 'sev3', status: 'open', phase: 'INTAKE', createdAt: Date.UTC(2026, 10, 20), updatedAt: Date.UTC(2026, 10, 20) });
  await db.evidence.add({
    id: 'ev-kafka',
    caseId: 'case-kafka',
    kind: 'page',
    title: 'Consumer lag',
    text: 'lag 120k',
    truncated: false,
    provenance: { extractor: 'datadog-monitor', capturedAt: Date.UTC(2026, 10, 20), source: 'sidepanel' },
    structured: { title: 'Consumer lag', queries: [], entities: [{ type: 'service', name: 'orders-consumer' }], keyValues: {}, notices: [], text: '', pageKind: 'datadog-monitor', product: 'datadog', url: 'https://app.datadoghq.com/monitors/1', capturedAt: '' },
    createdAt: Date.UTC(2026, 10, 20),
  });
}

beforeEach(async () => {
  await db.open();
  await Promise.all([db.cases.clear(), db.messages.clear(), db.evidence.clear(), db.kbDocuments.clear(), db.kbChunks.clear()]);
  await seed();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const historyTitles = () => within(screen.getByTestId('case-history')).queryAllByRole('button').map((b) => b.textContent ?? '');

describe('CaseHistory', () => {
  it('searches by service and entity names and filters by status, severity, service and dates', async () => {
    const user = userEvent.setup();
    render(<CaseHistory selectedId={null} onSelect={() => undefined} client={realClient()} />);
    await waitFor(() => expect(historyTitles()).toHaveLength(2));

    await user.type(screen.getByLabelText('Search cases'), 'prod-eu-1');
    expect(historyTitles()).toEqual([expect.stringContaining('checkout-api 5xx spike')]);
    await user.clear(screen.getByLabelText('Search cases'));

    const service = screen.getByLabelText('Filter by service');
    await waitFor(() => expect(within(service).getAllByRole('option').map((o) => o.textContent)).toEqual(['All services', 'checkout-api', 'orders-consumer']));
    await user.selectOptions(service, 'orders-consumer');
    expect(historyTitles()).toEqual([expect.stringContaining('Kafka consumer lag')]);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    await user.selectOptions(screen.getByLabelText('Filter by severity'), 'sev1');
    expect(historyTitles()).toEqual([expect.stringContaining('checkout-api')]);
    await user.selectOptions(screen.getByLabelText('Filter by severity'), 'all');
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'open');
    expect(historyTitles()).toEqual([expect.stringContaining('Kafka')]);
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'all');

    await user.type(screen.getByLabelText('Active from'), '2026-11-22');
    expect(historyTitles()).toEqual([expect.stringContaining('checkout-api')]);
  });

  it('imports an exported case and reports a bad file clearly', async () => {
    const user = userEvent.setup();
    const client = realClient();
    const onSelect = vi.fn();
    render(<CaseHistory selectedId={null} onSelect={onSelect} client={client} />);
    const input = screen.getByTestId('import-case');
    expect(input.getAttribute('accept')).toBe('.json,application/json');

    await user.upload(input, new File(['{"hello": "world"}'], 'notes.json', { type: 'application/json' }));
    expect((await screen.findByRole('alert')).textContent).toContain('notes.json: This is not a FaultMaven case export');

    const exported = await client('case/export', { caseId: 'case-checkout-1', format: 'json' });
    await user.upload(input, new File([exported.content], exported.filename, { type: 'application/json' }));
    expect((await screen.findByRole('status')).textContent).toBe('Imported “checkout-api 5xx spike after 14:05 deploy”');
    await waitFor(() => expect(historyTitles()).toHaveLength(3));
    const importedId = onSelect.mock.calls[0]?.[0] as string;
    expect(importedId).not.toBe('case-checkout-1');
    expect(await db.messages.where('caseId').equals(importedId).count()).toBe(6);
  });
});

describe('CaseDetail', () => {
  it('previews the postmortem, downloads Markdown and JSON, and saves the case as a runbook', async () => {
    const user = userEvent.setup();
    const saved: { name: string; blob: Blob }[] = [];
    let lastBlob: Blob | null = null;
    vi.stubGlobal('URL', Object.assign(Object.create(URL) as typeof URL, { createObjectURL: (b: Blob) => ((lastBlob = b), 'blob:fm-test'), revokeObjectURL: () => undefined }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: lastBlob! });
    });
    render(<CaseDetail caseId="case-checkout-1" onDeleted={() => undefined} client={realClient()} />);

    const preview = await screen.findByTestId('postmortem-preview');
    expect(preview.tagName).toBe('PRE');
    expect(preview.textContent).toContain('# Postmortem: checkout-api 5xx spike after 14:05 deploy');
    expect(preview.textContent).toContain('## Root cause');
    expect(preview.textContent).not.toContain(SECRET_PASSWORD);
    expect(screen.getByRole('list', { name: 'Hypotheses' }).textContent).toContain('H1 · validated · 90%');

    await user.click(screen.getByTestId('export-markdown'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('checkout-api-5xx-spike-after-14-05-deploy-postmortem.md');
    expect(await saved[0]!.blob.text()).toBe(preview.textContent);

    await user.click(screen.getByTestId('export-json'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]!.name).toBe('checkout-api-5xx-spike-after-14-05-deploy.faultmaven-case.json');
    expect(JSON.parse(await saved[1]!.blob.text())).toMatchObject({ format: 'faultmaven-case', version: 1 });

    await user.click(screen.getByTestId('case-to-runbook'));
    // The knowledge base loads its word vectors and the shipped pack on first use: allow for it.
    expect(screen.queryByRole('alert')).toBeNull();
    expect((await screen.findByTestId('case-action-status', {}, { timeout: 10_000 })).textContent).toBe(
      'Added runbook “checkout-api returns 5xx for 40% of requests since the 14:05 deploy” to your knowledge base',
    );
    expect(await db.kbDocuments.where('tier').equals('user').count()).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Rendered' }));
    expect(screen.getByRole('heading', { name: 'Timeline' })).toBeTruthy();
  });

  it('offers the runbook only for a resolved or closed case', async () => {
    render(<CaseDetail caseId="case-kafka" onDeleted={() => undefined} client={realClient()} />);
    const button = await screen.findByTestId('case-to-runbook');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect((await screen.findByTestId('postmortem-preview')).textContent).toContain('Status: open, in the Intake phase.');
  });
});
