import Dexie, { type EntityTable, type Table } from 'dexie';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { KnowledgeChunkRecord, KnowledgeDocumentRecord } from '@/lib/db/records';
import { newId } from '@/lib/ids';
import type { LocalRecord, LocalUpdate, Shadow, SyncStore } from './sync-store';
import { textForRecord, type EvidenceContentRow, type EvidenceContentStore } from './evidence-content';
import type { RecordData, SyncKind } from './wire';

/**
 * The sync engine's storage in the extension. Sync bookkeeping (shadows, cursor, device id)
 * lives in its own IndexedDB database next to the main one, so turning sync off or switching
 * servers clears it without touching a single case, message or runbook.
 */
class SyncMetaDB extends Dexie {
  shadows!: Table<Shadow, [string, string]>;
  state!: EntityTable<{ key: string; value: unknown }, 'key'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ shadows: '[kind+id]', state: 'key' });
  }
}

export function syncMetaDbName(db: FaultMavenDB): string {
  return `${db.name}-sync`;
}

/** Messages still being written by a turn: synced once they settle. */
const UNSETTLED_MESSAGE = new Set(['pending', 'streaming']);

/**
 * Fields kept on this device only. Evidence images are too large for a record; a document's
 * embedder describes vectors computed here, which do not travel (the receiver indexes anew).
 */
const LOCAL_ONLY: Partial<Record<SyncKind, string[]>> = { evidence: ['imageDataUrl', 'textBlobLoaded'], 'knowledge-document': ['embedderId'] };

interface WireChunk {
  ordinal: number;
  heading: string;
  headingPath?: string[];
  text: string;
}

type Row = Record<string, unknown> & { id: string };

function toData(kind: SyncKind, row: Row): RecordData {
  const { id: _id, ...data } = row;
  for (const field of LOCAL_ONLY[kind] ?? []) delete data[field];
  // Long evidence text whose full version is in a blob travels as its opening only.
  if (kind === 'evidence' && typeof data.text === 'string') data.text = textForRecord(data.text, data.textBlobId);
  return data;
}

/** Server nulls mean "no value"; local rows leave such fields out. */
function withoutNulls(data: RecordData): RecordData {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
}

function changedAtOf(row: Row): number {
  const stamp = row.updatedAt ?? row.createdAt;
  return typeof stamp === 'number' ? stamp : Date.now();
}

export class DexieSyncStore implements SyncStore, EvidenceContentStore {
  private readonly meta: SyncMetaDB;

  constructor(private readonly db: FaultMavenDB) {
    this.meta = new SyncMetaDB(syncMetaDbName(db));
  }

  private simpleTable(kind: SyncKind): Table<Row, string> | null {
    const tables: Partial<Record<SyncKind, Table<Row, string>>> = {
      case: this.db.cases as unknown as Table<Row, string>,
      message: this.db.messages as unknown as Table<Row, string>,
      evidence: this.db.evidence as unknown as Table<Row, string>,
      hypothesis: this.db.hypotheses as unknown as Table<Row, string>,
    };
    return tables[kind] ?? null;
  }

  async deviceId(): Promise<string> {
    return this.meta.transaction('rw', this.meta.state, async () => {
      const existing = await this.meta.state.get('deviceId');
      if (typeof existing?.value === 'string') return existing.value;
      const id = `ext-${newId()}`;
      await this.meta.state.put({ key: 'deviceId', value: id });
      return id;
    });
  }

  async readCursor(): Promise<number> {
    const row = await this.meta.state.get('cursor');
    return typeof row?.value === 'number' ? row.value : 0;
  }

  async writeCursor(cursor: number): Promise<void> {
    await this.meta.state.put({ key: 'cursor', value: cursor });
  }

  /** Forgets shadows and cursor (not the device id): the next sign-in starts a full sync. Local data is untouched. */
  async reset(): Promise<void> {
    await this.meta.transaction('rw', this.meta.shadows, this.meta.state, async () => {
      await this.meta.shadows.clear();
      await this.meta.state.delete('cursor');
    });
  }

  async listLocal(): Promise<LocalRecord[]> {
    const out: LocalRecord[] = [];
    for (const kind of ['case', 'message', 'evidence', 'hypothesis'] as const) {
      for (const row of await this.simpleTable(kind)!.toArray()) out.push(this.toLocal(kind, row));
    }
    const documents = await this.db.kbDocuments.where('tier').equals('user').toArray();
    const chunks = await this.db.kbChunks.where('documentId').anyOf(documents.map((d) => d.id)).toArray();
    for (const doc of documents) out.push(this.documentToLocal(doc, chunks.filter((c) => c.documentId === doc.id)));
    return out;
  }

  private toLocal(kind: SyncKind, row: Row): LocalRecord {
    const held = kind === 'message' && UNSETTLED_MESSAGE.has(String(row.status));
    return { kind, id: row.id, data: toData(kind, row), changedAt: changedAtOf(row), ...(held ? { held } : {}) };
  }

  private documentToLocal(doc: KnowledgeDocumentRecord, chunks: KnowledgeChunkRecord[]): LocalRecord {
    const ordered: WireChunk[] = [...chunks]
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((c) => ({ ordinal: c.ordinal, heading: c.heading, ...(c.headingPath ? { headingPath: c.headingPath } : {}), text: c.text }));
    return { kind: 'knowledge-document', id: doc.id, data: { ...toData('knowledge-document', doc as unknown as Row), chunks: ordered }, changedAt: doc.updatedAt };
  }

  async listEvidenceContent(): Promise<EvidenceContentRow[]> {
    return (await this.db.evidence.toArray()) as unknown as EvidenceContentRow[];
  }

  async markUploaded(id: string, patch: { blobId?: string; textBlobId?: string }): Promise<void> {
    const extra = patch.textBlobId ? { textBlobLoaded: true } : {};
    await this.db.evidence.update(id, { ...patch, ...extra } as never);
  }

  async saveDownloaded(id: string, patch: { imageDataUrl?: string; text?: string }): Promise<void> {
    const extra = patch.text !== undefined ? { textBlobLoaded: true } : {};
    await this.db.evidence.update(id, { ...patch, ...extra } as never);
  }

  async rejectedBlobs(): Promise<Set<string>> {
    const row = await this.meta.state.get('rejectedBlobs');
    return new Set(Array.isArray(row?.value) ? (row.value as string[]) : []);
  }

  async markRejected(blobId: string): Promise<void> {
    await this.meta.transaction('rw', this.meta.state, async () => {
      const known = await this.rejectedBlobs();
      known.add(blobId);
      await this.meta.state.put({ key: 'rejectedBlobs', value: [...known] });
    });
  }

  listShadows(): Promise<Shadow[]> {
    return this.meta.shadows.toArray();
  }

  getShadow(kind: SyncKind, id: string): Promise<Shadow | undefined> {
    return this.meta.shadows.get([kind, id]);
  }

  async writeShadow(shadow: Shadow): Promise<void> {
    await this.meta.shadows.put(shadow);
  }

  async updateLocal(kind: SyncKind, id: string, decide: (current: LocalRecord | undefined) => LocalUpdate): Promise<void> {
    if (kind === 'knowledge-document') return this.updateDocument(id, decide);
    const table = this.simpleTable(kind);
    if (!table) return; // a kind this version of the extension does not store (e.g. conclusions)
    await this.db.transaction('rw', table, async () => {
      const row = await table.get(id);
      const next = decide(row ? this.toLocal(kind, row) : undefined);
      if (next === undefined) return;
      if (next === null) {
        await table.delete(id);
        return;
      }
      const kept: Record<string, unknown> = Object.fromEntries((LOCAL_ONLY[kind] ?? []).filter((f) => row?.[f] !== undefined).map((f) => [f, row![f]]));
      if (kind === 'evidence' && kept.textBlobLoaded) {
        // Blobs are write-once: the same text blob id means the full text here is still right.
        if (row!.textBlobId === next.textBlobId) kept.text = row!.text;
        else delete kept.textBlobLoaded;
      }
      await table.put({ ...withoutNulls(next), ...kept, id });
    });
  }

  private async updateDocument(id: string, decide: (current: LocalRecord | undefined) => LocalUpdate): Promise<void> {
    await this.db.transaction('rw', this.db.kbDocuments, this.db.kbChunks, async () => {
      const doc = await this.db.kbDocuments.get(id);
      // Only the user tier is shared; global (shipped) and case-tier documents never sync.
      if (doc && doc.tier !== 'user') return;
      const chunks = doc ? await this.db.kbChunks.where('documentId').equals(id).toArray() : [];
      const next = decide(doc ? this.documentToLocal(doc, chunks) : undefined);
      if (next === undefined) return;
      await this.db.kbChunks.where('documentId').equals(id).delete();
      if (next === null) {
        await this.db.kbDocuments.delete(id);
        return;
      }
      const { chunks: nextChunks, ...fields } = withoutNulls(next);
      const list = Array.isArray(nextChunks) ? (nextChunks as WireChunk[]) : [];
      // A chunk whose text did not change keeps its id and its vector: no re-embedding needed.
      const previous = new Map(chunks.map((c) => [c.ordinal, c]));
      const unchanged = list.every((c) => previous.get(c.ordinal)?.text === c.text) && list.length === chunks.length;
      const kept = Object.fromEntries((LOCAL_ONLY['knowledge-document'] ?? []).filter((f) => unchanged && doc?.[f as keyof KnowledgeDocumentRecord] !== undefined).map((f) => [f, doc![f as keyof KnowledgeDocumentRecord]]));
      await this.db.kbDocuments.put({ ...fields, ...kept, id, tier: 'user' } as unknown as KnowledgeDocumentRecord);
      await this.db.kbChunks.bulkPut(
        list.map((c) => {
          const before = previous.get(c.ordinal);
          const same = before?.text === c.text;
          return {
            id: same ? before.id : `${id}#${c.ordinal}`,
            documentId: id,
            tier: 'user' as const,
            ordinal: c.ordinal,
            heading: c.heading,
            ...(c.headingPath ? { headingPath: c.headingPath } : {}),
            text: c.text,
            ...(same && before.vector ? { vector: before.vector } : {}),
          };
        }),
      );
    });
  }

  close(): void {
    this.meta.close();
  }
}
