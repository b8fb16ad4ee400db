import { afterEach, describe, expect, it } from 'vitest';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createTestDb } from '@/tests/support/test-db';
import { incidentCase } from '@/tests/support/incident-case';
import type { CaseBundle } from './case-bundle';
import { exportCase, loadCaseBundle } from './case-export-json';
import { CASE_EXPORT_FORMAT, MAX_CASE_IMPORT_BYTES, parseCaseExport } from './case-export-format';
import { importCaseJson } from './case-import-json';

let db: FaultMavenDB | undefined;
afterEach(async () => {
  db?.close();
  await db?.delete();
  db = undefined;
});

async function seeded(bundle: CaseBundle = incidentCase()): Promise<FaultMavenDB> {
  db = createTestDb();
  await db.cases.add({ ...bundle.kase, investigation: bundle.state });
  await db.messages.bulkAdd(bundle.messages);
  await db.evidence.bulkAdd(bundle.evidence);
  await db.hypotheses.add({ id: 'hyp-row-1', caseId: bundle.kase.id, statement: 'pool exhaustion', likelihood: 0.9, status: 'validated', createdAt: 1, updatedAt: 2 });
  return db;
}

/** The export as data, every id (case, message, evidence, hypothesis row) replaced by its position. */
function normaliseIds(json: string, ids: string[]): unknown {
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return ids.includes(value) ? `<id${ids.indexOf(value)}>` : value;
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  const data = JSON.parse(json) as Record<string, unknown>;
  delete data.exportedAt;
  return rewrite(data);
}

function idsOf(json: string): string[] {
  const data = JSON.parse(json) as { case: { id: string }; messages: { id: string }[]; evidence: { id: string }[]; hypotheses: { id: string }[] };
  return [data.case.id, ...data.messages.map((m) => m.id), ...data.evidence.map((e) => e.id), ...data.hypotheses.map((h) => h.id)];
}

describe('case export and import', () => {
  it('round-trips: export → import → export is equal except for ids', async () => {
    const store = await seeded();
    const first = await exportCase(store, 'case-checkout-1', 'json', Date.UTC(2026, 10, 24, 15));
    expect(first.filename).toBe('checkout-api-5xx-spike-after-14-05-deploy.faultmaven-case.json');
    expect(first.mime).toBe('application/json');
    const parsed = JSON.parse(first.content) as { format: string; version: number; case: { investigation: { hypotheses: unknown[] } } };
    expect(parsed.format).toBe(CASE_EXPORT_FORMAT);
    expect(parsed.version).toBe(1);
    expect(parsed.case.investigation.hypotheses).toHaveLength(2);

    const imported = await importCaseJson(store, first.content);
    expect(imported.id).not.toBe('case-checkout-1');
    expect(imported.title).toBe('checkout-api 5xx spike after 14:05 deploy');
    const second = await exportCase(store, imported.id, 'json', Date.UTC(2026, 10, 25));
    const firstIds = idsOf(first.content);
    const secondIds = idsOf(second.content);
    expect(secondIds.some((id) => firstIds.includes(id))).toBe(false);
    expect(normaliseIds(second.content, secondIds)).toEqual(normaliseIds(first.content, firstIds));

    // References were rewritten: the engines' state points at the imported evidence and case.
    const bundle = await loadCaseBundle(store, imported.id);
    expect(bundle.state?.caseId).toBe(imported.id);
    const evidenceIds = bundle.evidence.map((e) => e.id);
    expect(bundle.state?.evidence.map((r) => r.id)).toEqual(evidenceIds);
    expect(bundle.state?.hypotheses[0]?.links.every((l) => evidenceIds.includes(l.evidenceId))).toBe(true);
    expect(bundle.state?.lastAppliedMessageId).toBe(bundle.messages[4]?.id);
    // The original is untouched.
    expect((await loadCaseBundle(store, 'case-checkout-1')).messages).toHaveLength(6);
  });

  it('imports the same file twice as two separate cases', async () => {
    const store = await seeded();
    const file = await exportCase(store, 'case-checkout-1', 'json');
    const a = await importCaseJson(store, file.content);
    const b = await importCaseJson(store, file.content);
    expect(a.id).not.toBe(b.id);
    expect(await store.cases.count()).toBe(3);
    expect(await store.messages.count()).toBe(18);
  });

  it('exports the Markdown postmortem under a slug file name', async () => {
    const store = await seeded();
    const file = await exportCase(store, 'case-checkout-1', 'markdown');
    expect(file).toMatchObject({ filename: 'checkout-api-5xx-spike-after-14-05-deploy-postmortem.md', mime: 'text/markdown' });
    expect(file.content).toContain('## Root cause');
  });

  it('is atomic: a failure while writing leaves nothing behind', async () => {
    const store = await seeded();
    const file = await exportCase(store, 'case-checkout-1', 'json');
    store.evidence.hook('creating', (_key, row: { title: string }) => {
      if (row.title === 'checkout-api values.yaml') throw new Error('disk full');
    });
    await expect(importCaseJson(store, file.content)).rejects.toThrow(/disk full/);
    expect(await store.cases.count()).toBe(1);
    expect(await store.messages.count()).toBe(6);
    expect(await store.evidence.count()).toBe(2);
  });

  it('refuses bad files with a clear reason and writes nothing', async () => {
    const store = await seeded();
    const good = JSON.parse((await exportCase(store, 'case-checkout-1', 'json')).content) as Record<string, unknown>;
    const attempt = (content: string) => importCaseJson(store, content);
    await expect(attempt('')).rejects.toThrow('The file is empty');
    await expect(attempt('{"format":')).rejects.toThrow(/This is not a JSON file/);
    await expect(attempt('[1,2]')).rejects.toThrow('This is not a FaultMaven case export (expected "format": "faultmaven-case")');
    await expect(attempt(JSON.stringify({ ...good, version: 2 }))).rejects.toThrow(/exported by a newer FaultMaven \(format version 2\)/);
    await expect(attempt(JSON.stringify({ ...good, version: '1' }))).rejects.toThrow(/Unknown case format version "1"/);
    const damaged = structuredClone(good) as { messages: { role: string }[] };
    damaged.messages[1]!.role = 'admin';
    await expect(attempt(JSON.stringify(damaged))).rejects.toThrow(/The case file is damaged: messages\[1\]\.role/);
    const foreign = structuredClone(good) as { evidence: { caseId: string }[] };
    foreign.evidence[0]!.caseId = 'someone-else';
    await expect(attempt(JSON.stringify(foreign))).rejects.toThrow(/belongs to case someone-else/);
    const badState = structuredClone(good) as { case: { investigation: { turn: number } } };
    badState.case.investigation.turn = -3;
    await expect(attempt(JSON.stringify(badState))).rejects.toThrow(/investigation state cannot be read/);
    const script = structuredClone(good) as { evidence: { imageDataUrl?: string }[] };
    script.evidence[0]!.imageDataUrl = 'javascript:alert(1)';
    await expect(attempt(JSON.stringify(script))).rejects.toThrow(/imageDataUrl: must be a data:image/);
    expect(await store.cases.count()).toBe(1);
  });

  it('refuses files over the size cap before parsing them', () => {
    const huge = `{"format":"faultmaven-case","pad":"${'x'.repeat(MAX_CASE_IMPORT_BYTES)}"}`;
    expect(() => parseCaseExport(huge)).toThrow(/MB; case files up to 25 MB can be imported/);
  });
});
