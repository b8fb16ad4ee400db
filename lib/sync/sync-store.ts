import type { RecordData, SyncKind } from './wire';

/**
 * What the sync engine needs from local storage. The extension implements it over Dexie
 * (`dexie-store.ts`); anything else (a CLI, a test) can implement it over its own storage.
 *
 * A *shadow* is the server's copy of a record as this device last saw it. Comparing a local
 * record with its shadow tells what changed here since, without hooks on every write.
 */
export interface LocalRecord {
  kind: SyncKind;
  id: string;
  data: RecordData;
  /** When the record last changed on this device (ms), used to order concurrent edits. */
  changedAt: number;
  /** Exists but must not sync yet (e.g. an answer still streaming): neither pushed nor overwritten. */
  held?: boolean;
}

export interface Shadow {
  kind: SyncKind;
  id: string;
  revision: number;
  deleted: boolean;
  data: RecordData;
}

/** Result of an atomic read-modify-write of one local record: new data, `null` to delete, `undefined` to leave it. */
export type LocalUpdate = RecordData | null | undefined;

export interface SyncStore {
  deviceId(): Promise<string>;
  readCursor(): Promise<number>;
  writeCursor(cursor: number): Promise<void>;
  /** Every local record sync covers. */
  listLocal(): Promise<LocalRecord[]>;
  listShadows(): Promise<Shadow[]>;
  getShadow(kind: SyncKind, id: string): Promise<Shadow | undefined>;
  writeShadow(shadow: Shadow): Promise<void>;
  /** Reads the record and writes `decide`'s answer in one transaction, so a concurrent local edit is never overwritten unseen. */
  updateLocal(kind: SyncKind, id: string, decide: (current: LocalRecord | undefined) => LocalUpdate): Promise<void>;
}
