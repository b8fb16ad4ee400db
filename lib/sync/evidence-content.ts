import type { SyncApi } from './sync-api';
import type { SyncReport } from './sync-engine';
import { SyncError } from './sync-errors';

/**
 * Optional sync of evidence *content* too large for a record: screenshots (kept on the device
 * as a data URL) and long text. Off by default (a setting on the options page). The content
 * goes to the server as a blob (`PUT /v1/blobs/:id`, write-once, size-capped by the server,
 * team-private); the record carries only the blob's id, and a teammate's device downloads it.
 */

/** Evidence text longer than this travels as a blob; the record keeps the opening as a preview. */
export const LARGE_TEXT_CHARS = 64_000;
export const TEXT_PREVIEW_CHARS = 4_000;

export interface EvidenceContentRow {
  id: string;
  imageDataUrl?: string;
  blobId?: string | null;
  text?: string;
  textBlobId?: string | null;
  /** The full text of `textBlobId` is on this device (uploaded from here or downloaded). */
  textBlobLoaded?: boolean;
}

export interface EvidenceContentStore {
  listEvidenceContent(): Promise<EvidenceContentRow[]>;
  /** Records an uploaded blob's id on the local row; `blobId`/`textBlobId` then sync with the record. */
  markUploaded(id: string, patch: { blobId?: string; textBlobId?: string }): Promise<void>;
  /** Stores downloaded content on the local row (fields that stay on this device). */
  saveDownloaded(id: string, patch: { imageDataUrl?: string; text?: string }): Promise<void>;
  /** Blobs the server refused (too large): not offered again on every pass. */
  rejectedBlobs(): Promise<Set<string>>;
  markRejected(blobId: string): Promise<void>;
}

/** A preview form of long text whose full version is in a blob (what the record carries). */
export function textForRecord(text: string, textBlobId: unknown): string {
  return typeof textBlobId === 'string' && text.length > TEXT_PREVIEW_CHARS ? text.slice(0, TEXT_PREVIEW_CHARS) : text;
}

export function dataUrlToBytes(dataUrl: string): { bytes: Uint8Array; contentType: string } | null {
  const match = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) return null;
  const [, contentType, base64, payload] = match;
  if (!base64) return { bytes: new TextEncoder().encode(decodeURIComponent(payload!)), contentType: contentType! };
  const binary = atob(payload!);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes, contentType: contentType! };
}

export function bytesToDataUrl(bytes: Uint8Array, contentType: string): string {
  let binary = '';
  // In slices: String.fromCharCode with millions of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${contentType};base64,${btoa(binary)}`;
}

export class EvidenceContentSync {
  constructor(
    private readonly store: EvidenceContentStore,
    private readonly api: Pick<SyncApi, 'putBlob' | 'getBlob' | 'limits'>,
  ) {}

  /** Before the push: uploads content not yet on the server, so records never point at a missing blob. */
  async upload(report: SyncReport): Promise<void> {
    const rejected = await this.store.rejectedBlobs();
    let maxBytes: number | null = null;
    // Checked here rather than left to the server's 413: a server refuses an oversized body
    // before reading it, and the connection is cut under the upload instead of answering.
    const fits = async (bytes: Uint8Array, blobId: string, evidenceId: string) => {
      maxBytes ??= (await this.api.limits()).maxBlobBytes;
      if (bytes.byteLength <= maxBytes) return true;
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      report.skipped.push({ kind: 'evidence', id: evidenceId, reason: `Evidence content of ${mb(bytes.byteLength)} MB stays on this device: the server accepts at most ${mb(maxBytes)} MB per item (its --max-blob-mb setting)` });
      await this.store.markRejected(blobId);
      return false;
    };
    for (const row of await this.store.listEvidenceContent()) {
      if (row.imageDataUrl && !row.blobId) {
        const blobId = `${row.id}.image`;
        const decoded = rejected.has(blobId) ? null : dataUrlToBytes(row.imageDataUrl);
        if (decoded && (await fits(decoded.bytes, blobId, row.id)) && (await this.put(blobId, decoded.bytes, decoded.contentType, row.id, report))) {
          await this.store.markUploaded(row.id, { blobId });
        }
      }
      if (row.text !== undefined && row.text.length > LARGE_TEXT_CHARS && !row.textBlobId) {
        const textBlobId = `${row.id}.text`;
        const bytes = new TextEncoder().encode(row.text);
        if (!rejected.has(textBlobId) && (await fits(bytes, textBlobId, row.id)) && (await this.put(textBlobId, bytes, 'text/plain; charset=utf-8', row.id, report))) {
          await this.store.markUploaded(row.id, { textBlobId });
        }
      }
    }
  }

  /** After the pull: fetches the content of teammates' evidence that this device lacks. */
  async download(report: SyncReport): Promise<void> {
    for (const row of await this.store.listEvidenceContent()) {
      if (row.blobId && !row.imageDataUrl) {
        const blob = await this.get(row.blobId, row.id, report);
        if (blob) await this.store.saveDownloaded(row.id, { imageDataUrl: bytesToDataUrl(blob.bytes, blob.contentType) });
      }
      if (row.textBlobId && !row.textBlobLoaded) {
        const blob = await this.get(row.textBlobId, row.id, report);
        if (blob) await this.store.saveDownloaded(row.id, { text: new TextDecoder().decode(blob.bytes) });
      }
    }
  }

  /** True when stored; a refusal (too large, invalid) is reported and remembered, other failures end the pass. */
  private async put(blobId: string, bytes: Uint8Array, contentType: string, evidenceId: string, report: SyncReport): Promise<boolean> {
    try {
      await this.api.putBlob(blobId, bytes, contentType);
      return true;
    } catch (error) {
      if (!(error instanceof SyncError) || error.kind !== 'rejected') throw error;
      report.skipped.push({ kind: 'evidence', id: evidenceId, reason: error.message });
      await this.store.markRejected(blobId);
      return false;
    }
  }

  private async get(blobId: string, evidenceId: string, report: SyncReport): Promise<{ bytes: Uint8Array; contentType: string } | null> {
    try {
      return await this.api.getBlob(blobId);
    } catch (error) {
      if (!(error instanceof SyncError) || error.kind !== 'rejected') throw error;
      // Not (yet) on the server, e.g. its uploader turned content sync off: the record itself is here.
      report.skipped.push({ kind: 'evidence', id: evidenceId, reason: error.message });
      return null;
    }
  }
}
