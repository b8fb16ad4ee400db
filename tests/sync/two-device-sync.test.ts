import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createCase, updateCase, deleteCase } from '@/lib/cases/case-service';
import { beginTurn } from '@/lib/turns/turn-store';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { DexieSyncStore } from '@/lib/sync/dexie-store';
import { SyncApi, type FetchLike } from '@/lib/sync/sync-api';
import { SyncEngine } from '@/lib/sync/sync-engine';
import { EvidenceContentSync, LARGE_TEXT_CHARS, TEXT_PREVIEW_CHARS } from '@/lib/sync/evidence-content';
import { SyncRunner, INITIAL_STATUS, type SyncStatus } from '@/lib/sync/sync-runner';
import { MemorySessionStore } from '@/lib/sync/memory-session-store';
import { readCaseState, saveCaseState } from '@/lib/investigation/case-state-store';
import type { WorkingConclusion } from '@/engines/investigation';
import { TEST_DATABASES } from '../../server/src/testing/test-databases';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../server/src/testing/test-server';

/** One browser profile: its own IndexedDB, sync bookkeeping and sign-in, talking to the real server. */
interface Device {
  db: FaultMavenDB;
  store: DexieSyncStore;
  api: SyncApi;
  engine: SyncEngine;
}

async function device(server: TestServer, email: string, fetchImpl?: FetchLike): Promise<Device> {
  const db = createTestDb();
  const store = new DexieSyncStore(db);
  const api = new SyncApi(new MemorySessionStore(), fetchImpl);
  await api.login(server.url, email, TEST_PASSWORD);
  return { db, store, api, engine: new SyncEngine(store, api) };
}

/** Everything a teammate sees of the team's work, in a stable order. */
async function snapshot(db: FaultMavenDB) {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  return {
    cases: byId(await db.cases.toArray()),
    messages: byId(await db.messages.toArray()),
    evidence: byId((await db.evidence.toArray()).map(({ imageDataUrl: _local, ...rest }) => rest)),
    hypotheses: byId(await db.hypotheses.toArray()),
    kbDocuments: byId(await db.kbDocuments.where('tier').equals('user').toArray()),
    kbChunks: byId(await db.kbChunks.where('tier').equals('user').toArray()).map(({ id: _id, ...rest }) => rest),
  };
}

async function finishAnswer(db: FaultMavenDB, assistantId: string, content: string): Promise<void> {
  await db.messages.update(assistantId, { status: 'complete', content, updatedAt: Date.now() });
}

describe.each(TEST_DATABASES)('two devices syncing through the server on $name', (database) => {
  let server: TestServer;
  let ownerEmail: string;
  let memberEmail: string;

  beforeAll(async () => {
    if (database.unavailable) return;
    server = await startTestServer(database);
    const owner = await server.createTeam('On-call');
    ownerEmail = owner.user.email;
    memberEmail = `teammate-${crypto.randomUUID().slice(0, 6)}@example.com`;
    await server.addMember(owner, memberEmail);
  });
  afterAll(async () => server?.dispose());

  it.skipIf(database.unavailable)('edit the same case offline, sync, and end identical with no message lost', async () => {
    const laptop = await device(server, ownerEmail);
    const phone = await device(server, memberEmail);

    // The laptop opens a case, asks a question, gets an answer, captures evidence, writes a runbook.
    const kase = await createCase(laptop.db, { title: 'checkout p99 latency 4x', severity: 'sev2' });
    const first = await beginTurn(laptop.db, kase.id, 'p99 went from 200ms to 800ms at 14:05');
    await finishAnswer(laptop.db, first.assistant.id, 'Check the connection pool.');
    await addEvidence(laptop.db, { caseId: kase.id, kind: 'note', title: 'Grafana', text: 'pool usage 100%', provenance: { extractor: 'manual', source: 'sidepanel' } });
    await laptop.db.kbDocuments.add({ id: 'runbook-pg', tier: 'user', title: 'Postgres pool runbook', source: 'upload', tags: ['postgres'], createdAt: 1, updatedAt: 1 });
    await laptop.db.kbChunks.bulkAdd([
      { id: 'local-chunk-a', documentId: 'runbook-pg', tier: 'user', ordinal: 0, heading: 'Symptoms', text: 'Requests queue on the pool.' },
      { id: 'local-chunk-b', documentId: 'runbook-pg', tier: 'user', ordinal: 1, heading: 'Fix', text: 'Raise max_connections or add PgBouncer.' },
    ]);
    await laptop.engine.sync();
    const firstPull = await phone.engine.sync();
    expect(firstPull.pulled).toBe(5);
    expect((await phone.db.cases.get(kase.id))?.title).toBe('checkout p99 latency 4x');

    // Both go offline and work on the same case.
    const laptopTurn = await beginTurn(laptop.db, kase.id, 'pool is at 100%, what next?');
    await finishAnswer(laptop.db, laptopTurn.assistant.id, 'Look for long transactions.');
    await updateCase(laptop.db, kase.id, { title: 'checkout latency: pool exhausted' });
    await new Promise((r) => setTimeout(r, 5)); // the phone's title edit is the later one
    const phoneTurn = await beginTurn(phone.db, kase.id, 'deploy at 14:03 raised worker count');
    await finishAnswer(phone.db, phoneTurn.assistant.id, 'More workers, same pool: that explains it.');
    await updateCase(phone.db, kase.id, { title: 'checkout latency: deploy 14:03 doubled workers', severity: 'sev1' });
    await phone.db.hypotheses.add({ id: 'hyp-workers', caseId: kase.id, statement: 'Worker count exceeds pool size', likelihood: 0.7, status: 'active', createdAt: Date.now(), updatedAt: Date.now() });
    // A question still being answered on the phone is held back, not synced half-written.
    const streaming = await beginTurn(phone.db, kase.id, 'should we roll back?');

    await laptop.engine.sync();
    const phoneReport = await phone.engine.sync();
    expect(phoneReport.conflicts).toBe(1);
    await finishAnswer(phone.db, streaming.assistant.id, 'Yes: roll back, then size the pool.');
    await phone.engine.sync();
    await laptop.engine.sync();

    const [onLaptop, onPhone] = [await snapshot(laptop.db), await snapshot(phone.db)];
    expect(onPhone).toEqual(onLaptop);
    expect(onLaptop.messages.map((m) => m.content).sort()).toEqual(
      [
        'p99 went from 200ms to 800ms at 14:05',
        'Check the connection pool.',
        'pool is at 100%, what next?',
        'Look for long transactions.',
        'deploy at 14:03 raised worker count',
        'More workers, same pool: that explains it.',
        'should we roll back?',
        'Yes: roll back, then size the pool.',
      ].sort(),
    );
    expect(onLaptop.messages.every((m) => m.status === 'complete')).toBe(true);
    // The later title wins on both devices; the other edit is kept by the server as a conflict.
    expect(onLaptop.cases[0]).toMatchObject({ title: 'checkout latency: deploy 14:03 doubled workers', severity: 'sev1' });
    expect(onLaptop.hypotheses).toHaveLength(1);
    expect(onLaptop.kbChunks.map((c) => c.heading)).toEqual(['Symptoms', 'Fix']);
    const conflicts = await phone.api.call('/v1/sync/conflicts', { method: 'GET' }, 'conflicts').then((r) => r.json());
    expect(conflicts.conflicts).toContainEqual(expect.objectContaining({ recordId: kase.id, field: 'title', discardedValue: 'checkout latency: pool exhausted' }));

    // Deleting the case on one device removes it and its messages on the other.
    await deleteCase(phone.db, kase.id);
    await phone.engine.sync();
    await laptop.engine.sync();
    expect(await laptop.db.cases.count()).toBe(0);
    expect(await laptop.db.messages.count()).toBe(0);
    expect(await laptop.db.kbDocuments.count()).toBe(1);
  });

  it.skipIf(database.unavailable)('syncs the investigation (phase, hypotheses, conclusion) and settles concurrent progress as one unit', async () => {
    const owner = await server.createTeam('Investigation');
    const phoneEmail = `inv-${crypto.randomUUID().slice(0, 6)}@example.com`;
    await server.addMember(owner, phoneEmail);
    const laptop = await device(server, owner.user.email);
    const phone = await device(server, phoneEmail);
    const kase = await createCase(laptop.db, { title: 'queue consumers stalled', severity: 'sev2' });
    await laptop.engine.sync();
    await phone.engine.sync();
    const conclusion = (statement: string, hypothesisId: string | null): WorkingConclusion => ({
      statement, confidence: 0.7, level: 'probable', hypothesisId, caveats: [], alternatives: [], nextEvidenceNeeded: [], canProposeSolution: false, momentum: 'moderate', abstained: false, turn: 2,
    });

    // The laptop moves the investigation to HYPOTHESIS with a working conclusion: the phone gets all of it.
    const start = readCaseState((await laptop.db.cases.get(kase.id))!).state;
    await saveCaseState(laptop.db, kase.id, { ...start, phase: { ...start.phase, current: 'HYPOTHESIS', completed: ['INTAKE', 'BLAST_RADIUS', 'TIMELINE'] }, conclusion: conclusion('consumer lag from a poison message', null) });
    await laptop.db.hypotheses.add({ id: 'hyp-poison', caseId: kase.id, statement: 'A poison message blocks the partition', likelihood: 0.6, status: 'active', createdAt: 1, updatedAt: 1 });
    await laptop.engine.sync();
    await phone.engine.sync();
    const onPhone = readCaseState((await phone.db.cases.get(kase.id))!);
    expect(onPhone.warning).toBeUndefined();
    expect(onPhone.state.phase.current).toBe('HYPOTHESIS');
    expect(onPhone.state.conclusion?.statement).toBe('consumer lag from a poison message');
    expect((await phone.db.cases.get(kase.id))?.phase).toBe('HYPOTHESIS');
    expect(await phone.db.hypotheses.get('hyp-poison')).toMatchObject({ statement: 'A poison message blocks the partition' });

    // Both advance offline: the phone moves to VALIDATION with a new conclusion; the laptop, later,
    // only revises its conclusion (phase unchanged). The later edit wins the investigation, and
    // its phase and status come with it: never one device's state beside the other's phase.
    const phoneState = readCaseState((await phone.db.cases.get(kase.id))!).state;
    await saveCaseState(phone.db, kase.id, { ...phoneState, phase: { ...phoneState.phase, current: 'VALIDATION', completed: [...phoneState.phase.completed, 'HYPOTHESIS'] }, conclusion: conclusion('poison message confirmed in DLQ', 'hyp-poison') });
    await new Promise((r) => setTimeout(r, 5));
    const laptopState = readCaseState((await laptop.db.cases.get(kase.id))!).state;
    await saveCaseState(laptop.db, kase.id, { ...laptopState, conclusion: conclusion('broker disk is full', null) });
    await phone.engine.sync();
    const laptopReport = await laptop.engine.sync();
    expect(laptopReport.conflicts).toBeGreaterThanOrEqual(1);
    await phone.engine.sync();

    const [a, b] = [await laptop.db.cases.get(kase.id), await phone.db.cases.get(kase.id)];
    expect(a).toEqual(b);
    const settled = readCaseState(a!).state;
    expect(settled.conclusion?.statement).toBe('broker disk is full');
    expect(settled.phase.current).toBe('HYPOTHESIS');
    expect(a!.phase).toBe(settled.phase.current);
    // The phone's progress is not lost: the server kept it as a conflict.
    const conflicts = (await laptop.api.call('/v1/sync/conflicts', { method: 'GET' }, 'conflicts').then((r) => r.json())) as { conflicts: Array<{ recordId: string; field: string; discardedValue: { conclusion?: { statement: string } } }> };
    const lost = conflicts.conflicts.find((c) => c.recordId === kase.id && c.field === 'investigation');
    expect(lost?.discardedValue.conclusion?.statement).toBe('poison message confirmed in DLQ');
  });

  it.skipIf(database.unavailable)('syncs soon after a local edit, but not while a failure backoff runs', async () => {
    let down = true;
    const flaky: FetchLike = async (input, init) => {
      if (down && String(input).includes('/v1/sync/')) throw new TypeError('fetch failed: network is down');
      return fetch(input, init);
    };
    const laptop = await device(server, ownerEmail, flaky);
    let clock = 1_000_000;
    const runner = new SyncRunner(async () => laptop.engine, INITIAL_STATUS, { schedule: () => undefined, onStatus: () => undefined, intervalMs: 60_000, now: () => clock, random: () => 0.5 });
    await createCase(laptop.db, { title: 'edge proxy 503s', severity: 'sev2' });
    expect(await runner.nudge()).toMatchObject({ state: 'error', failures: 1 });
    down = false;
    // Still inside the backoff: an edit does not retry at once (the planned retry carries it).
    expect(runner.nudge()).toBeNull();
    clock += 60_000;
    const after = await runner.nudge();
    expect(after).toMatchObject({ state: 'idle', failures: 0 });
    expect(after!.lastReport!.pushed).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(database.unavailable)('shares evidence content as blobs only when turned on, within the server limit', async () => {
    // A server of its own with a 1 MB cap on evidence content.
    const small = await startTestServer(database, { maxBlobBytes: 1024 * 1024 });
    try {
      const owner = await small.createTeam('Blobs');
      const viewerEmail = `viewer-${crypto.randomUUID().slice(0, 6)}@example.com`;
      const plainEmail = `plain-${crypto.randomUUID().slice(0, 6)}@example.com`;
      await small.addMember(owner, viewerEmail);
      await small.addMember(owner, plainEmail);
      const withContent = async (email: string) => {
        const d = await device(small, email);
        return { ...d, engine: new SyncEngine(d.store, d.api, Date.now, new EvidenceContentSync(d.store, d.api)) };
      };
      const laptop = await withContent(owner.user.email);
      const viewer = await withContent(viewerEmail);
      const plain = await device(small, plainEmail); // content sync off (the default)

      const kase = await createCase(laptop.db, { title: 'TLS handshake failures', severity: 'sev2' });
      const png = `data:image/png;base64,${Buffer.from(Uint8Array.from({ length: 3000 }, (_, i) => i % 251)).toString('base64')}`;
      const huge = `data:image/png;base64,${Buffer.alloc(1024 * 1024 + 10, 7).toString('base64')}`;
      const longLog = Array.from({ length: 2000 }, (_, i) => `2026-11-24T10:${String(i % 60).padStart(2, '0')} handshake failed peer=10.0.${i % 255}.9`).join('\n');
      expect(longLog.length).toBeGreaterThan(LARGE_TEXT_CHARS);
      const shot = await addEvidence(laptop.db, { caseId: kase.id, kind: 'screenshot', title: 'Grafana TLS panel', text: 'errors by peer', imageDataUrl: png, provenance: { extractor: 'screenshot', source: 'sidepanel' } } as never);
      const tooBig = await addEvidence(laptop.db, { caseId: kase.id, kind: 'screenshot', title: '4K capture', text: 'whole dashboard', imageDataUrl: huge, provenance: { extractor: 'screenshot', source: 'sidepanel' } } as never);
      const log = await addEvidence(laptop.db, { caseId: kase.id, kind: 'log', title: 'envoy log', text: longLog, provenance: { extractor: 'manual', source: 'sidepanel' } } as never);
      const sent = await laptop.engine.sync();
      expect(sent.skipped).toEqual([expect.objectContaining({ kind: 'evidence', id: tooBig.id, reason: expect.stringMatching(/at most 1\.0 MB per item \(its --max-blob-mb setting\)/) })]);
      // Refused once, not offered again on every pass; the record itself still syncs.
      expect((await laptop.engine.sync()).skipped).toEqual([]);
      expect((await laptop.db.evidence.get(tooBig.id))?.imageDataUrl).toBe(huge);

      await viewer.engine.sync();
      expect((await viewer.db.evidence.get(shot.id))?.imageDataUrl).toBe(png);
      expect((await viewer.db.evidence.get(log.id))?.text).toBe(longLog);
      expect((await viewer.db.evidence.get(tooBig.id))).toMatchObject({ title: '4K capture', text: 'whole dashboard' });
      expect((await viewer.db.evidence.get(tooBig.id))?.imageDataUrl).toBeUndefined();
      // Nothing to send back: downloaded content stays on the device, the records are unchanged.
      expect((await viewer.engine.sync()).pushed).toBe(0);

      await plain.engine.sync();
      const plainShot = await plain.db.evidence.get(shot.id);
      expect(plainShot?.imageDataUrl).toBeUndefined();
      expect((plainShot as unknown as { blobId: string }).blobId).toBe(`${shot.id}.image`);
      expect((await plain.db.evidence.get(log.id))?.text).toBe(longLog.slice(0, TEXT_PREVIEW_CHARS));

      // Another team cannot read the blobs even knowing their ids.
      const outsider = await small.createTeam('Outsiders');
      expect((await small.request(`/v1/blobs/${shot.id}.image`, { token: outsider.accessToken })).status).toBe(404);
    } finally {
      await small.dispose();
    }
  });

  it.skipIf(database.unavailable)('resumes after the network fails mid-sync and loses nothing', async () => {
    let calls = 0;
    let failFrom = Infinity;
    const flaky: FetchLike = async (input, init) => {
      calls++;
      if (calls >= failFrom) throw new TypeError('fetch failed: network is down');
      return fetch(input, init);
    };
    // A team of its own, so the counts below are this test's records only.
    const owner = await server.createTeam('Resume');
    const readerEmail = `reader-${crypto.randomUUID().slice(0, 6)}@example.com`;
    await server.addMember(owner, readerEmail);
    const writer = await device(server, owner.user.email);
    const reader = await device(server, readerEmail, flaky);
    const kase = await createCase(writer.db, { title: 'disk full on db-3', severity: 'sev1' });
    for (let i = 0; i < 30; i++) {
      const turn = await beginTurn(writer.db, kase.id, `observation ${i}`);
      await finishAnswer(writer.db, turn.assistant.id, `answer ${i}`);
    }
    await writer.engine.sync();

    const statuses: SyncStatus[] = [];
    const planned: number[] = [];
    const runner = new SyncRunner(async () => reader.engine, INITIAL_STATUS, {
      schedule: (ms) => planned.push(ms),
      onStatus: (s) => void statuses.push(s),
      intervalMs: 60_000,
      random: () => 0.5,
    });
    // The reader pulls in small pages here: fail after the first page so the pass stops half-way.
    const pull = reader.api.pull.bind(reader.api);
    reader.api.pull = (deviceId, since) => pull(deviceId, since, 20);
    failFrom = calls + 3;
    const failed = await runner.run();
    expect(failed).toMatchObject({ state: 'error', failures: 1 });
    expect(failed.lastError).toMatch(/network is down/);
    expect(planned.at(-1)).toBe(1500);
    const partial = await reader.db.messages.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(60);

    failFrom = Infinity;
    const recovered = await runner.run();
    expect(recovered).toMatchObject({ state: 'idle', failures: 0, lastError: null });
    expect(planned.at(-1)).toBe(60_000);
    expect(await reader.db.messages.count()).toBe(60);
    expect(statuses.map((s) => s.state)).toEqual(['syncing', 'error', 'syncing', 'idle']);
    // Nothing was applied twice: the resumed pull started after the last saved page (the case
    // came in the first page, so 61 records = the case + `partial` messages + the rest).
    expect(recovered.lastReport!.pulled).toBe(60 - partial);
  });

  it.skipIf(database.unavailable)('stops and says so when the sign-in has ended', async () => {
    const laptop = await device(server, ownerEmail);
    const session = await (laptop.api as unknown as { sessions: MemorySessionStore }).sessions.load();
    await fetch(`${server.url}/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${session!.accessToken}` } });
    const planned: number[] = [];
    const runner = new SyncRunner(async () => laptop.engine, INITIAL_STATUS, { schedule: (ms) => planned.push(ms), onStatus: () => undefined, intervalMs: 60_000 });
    const status = await runner.run();
    expect(status.state).toBe('signed-out');
    expect(status.lastError).toMatch(/sign in again/);
    expect(planned).toEqual([]);
  });
});
