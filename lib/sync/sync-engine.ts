import type { EvidenceContentSync } from './evidence-content';
import { changedFields, hasLocalChanges, mergeAfterPush } from './record-diff';
import type { SyncApi } from './sync-api';
import type { Shadow, SyncStore } from './sync-store';
import { LINKED_FIELDS, MAX_PUSH_CHANGES, pushChangeSchema, type PushChange, type RecordData, type ServerRecord } from './wire';

export interface SyncReport {
  pushed: number;
  pulled: number;
  /** Concurrent edits the server settled while taking our changes. */
  conflicts: number;
  /** Local records the server would refuse (e.g. too large), with why; they stay local. */
  skipped: Array<{ kind: string; id: string; reason: string }>;
}

/** Keeps a push request well under the server's default 4 MiB body limit. */
const MAX_BATCH_CHARS = 2_000_000;
const PULL_PAGE = 500;

const key = (kind: string, id: string) => `${kind}\u0000${id}`;

interface PendingChange {
  change: PushChange;
  /** The local data the change was computed from; undefined for a deletion. */
  sent: RecordData | undefined;
}

/**
 * One sync pass: push what changed here, then pull what changed elsewhere. Every step is
 * saved as it completes (shadows per record, the cursor per page), so a pass that fails
 * half-way resumes where it stopped, and repeating a step is harmless.
 */
export class SyncEngine {
  constructor(
    private readonly store: SyncStore,
    private readonly api: SyncApi,
    private readonly now: () => number = Date.now,
    /** Evidence content (screenshots, long text) as blobs, when the user turned it on. */
    private readonly content: EvidenceContentSync | null = null,
  ) {}

  async sync(): Promise<SyncReport> {
    const report: SyncReport = { pushed: 0, pulled: 0, conflicts: 0, skipped: [] };
    // Content first: a record is pushed pointing at a blob only once the blob is stored.
    await this.content?.upload(report);
    await this.push(report);
    await this.pull(report);
    await this.content?.download(report);
    return report;
  }

  /** Local changes not yet on the server, as push changes. */
  async pendingChanges(report?: SyncReport): Promise<PendingChange[]> {
    const [locals, shadows] = await Promise.all([this.store.listLocal(), this.store.listShadows()]);
    const shadowByKey = new Map(shadows.map((s) => [key(s.kind, s.id), s]));
    const pending: PendingChange[] = [];
    const seen = new Set<string>();
    // Checked here with the server's own schema, so one unsendable record cannot block the rest.
    const consider = (change: PushChange, sent: RecordData | undefined) => {
      const checked = pushChangeSchema.safeParse(change);
      if (checked.success) pending.push({ change, sent });
      else report?.skipped.push({ kind: change.kind, id: change.id, reason: checked.error.issues[0]?.message ?? 'invalid' });
    };
    for (const local of locals) {
      const k = key(local.kind, local.id);
      seen.add(k);
      if (local.held) continue;
      const shadow = shadowByKey.get(k);
      if (!shadow || shadow.deleted) {
        // New here, or written again after a deletion this device had seen.
        consider({ kind: local.kind, id: local.id, baseRevision: shadow?.revision ?? 0, changedAt: local.changedAt, deleted: false, fields: local.data }, local.data);
        continue;
      }
      const fields = changedFields(local.data, shadow.data);
      if (Object.keys(fields).length === 0) continue;
      // The server settles linked fields as a unit only if it has all of them from this side.
      for (const group of LINKED_FIELDS[local.kind] ?? []) {
        if (group.some((field) => field in fields)) for (const field of group) if (field in local.data) fields[field] = local.data[field];
      }
      consider({ kind: local.kind, id: local.id, baseRevision: shadow.revision, changedAt: local.changedAt, deleted: false, fields }, local.data);
    }
    for (const shadow of shadows) {
      if (shadow.deleted || seen.has(key(shadow.kind, shadow.id))) continue;
      consider({ kind: shadow.kind, id: shadow.id, baseRevision: shadow.revision, changedAt: this.now(), deleted: true, fields: {} }, undefined);
    }
    return pending;
  }

  private batches(pending: PendingChange[]): PendingChange[][] {
    const batches: PendingChange[][] = [];
    let current: PendingChange[] = [];
    let chars = 0;
    for (const item of pending) {
      const size = JSON.stringify(item.change).length;
      if (current.length > 0 && (current.length >= MAX_PUSH_CHANGES || chars + size > MAX_BATCH_CHARS)) {
        batches.push(current);
        current = [];
        chars = 0;
      }
      current.push(item);
      chars += size;
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }

  private async push(report: SyncReport): Promise<void> {
    const deviceId = await this.store.deviceId();
    for (const batch of this.batches(await this.pendingChanges(report))) {
      const response = await this.api.push(
        deviceId,
        batch.map((p) => p.change),
      );
      for (const [index, result] of response.results.entries()) {
        const { sent } = batch[index]!;
        await this.store.updateLocal(result.kind, result.id, (current) => {
          if (result.deleted) return current === undefined ? undefined : null;
          if (sent === undefined) return undefined; // we deleted it and the server agrees; nothing to write
          if (current === undefined) return undefined; // deleted here meanwhile: the next pass sends that
          return mergeAfterPush(current.data, sent, result.data);
        });
        // Local first, then the shadow: a crash in between only makes the next pass re-send equal values.
        await this.store.writeShadow({ kind: result.kind, id: result.id, revision: result.revision, deleted: result.deleted, data: result.data });
        report.pushed++;
        report.conflicts += result.conflicts.length;
      }
    }
  }

  private async applyRemote(change: ServerRecord): Promise<boolean> {
    const shadow = await this.store.getShadow(change.kind, change.id);
    if (shadow && shadow.revision >= change.revision) return false; // our own push, already applied
    let applied = false;
    await this.store.updateLocal(change.kind, change.id, (current) => {
      // Unpushed local edits win here; the next push sends them with the old base revision and
      // the server merges both sides field by field, recording any true conflict.
      if (hasLocalChanges(current, shadow)) return undefined;
      applied = true;
      return change.deleted ? (current === undefined ? undefined : null) : change.data;
    });
    if (applied) await this.store.writeShadow(toShadow(change));
    return applied;
  }

  private async pull(report: SyncReport): Promise<void> {
    const deviceId = await this.store.deviceId();
    let cursor = await this.store.readCursor();
    for (;;) {
      const page = await this.api.pull(deviceId, cursor, PULL_PAGE);
      for (const change of page.changes) {
        if (await this.applyRemote(change)) report.pulled++;
      }
      cursor = page.cursor;
      await this.store.writeCursor(cursor);
      if (!page.hasMore) return;
    }
  }
}

function toShadow(record: ServerRecord): Shadow {
  return { kind: record.kind, id: record.id, revision: record.revision, deleted: record.deleted, data: record.data };
}
