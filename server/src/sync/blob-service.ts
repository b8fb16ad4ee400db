import { createHash } from 'node:crypto';
import type { Principal, ServerContext } from '../context';
import { ApiError, notFound } from '../http/api-error';

/**
 * Optional binary content of evidence (screenshots, uploaded files), stored per team and
 * capped in size. Records reference a blob by id; blobs are write-once per id.
 */
export async function putBlob(ctx: ServerContext, principal: Principal, id: string, contentType: string, bytes: Uint8Array): Promise<{ id: string; byteSize: number; sha256: string; created: boolean }> {
  if (bytes.byteLength > ctx.config.maxBlobBytes) {
    throw new ApiError(413, 'too-large', `Evidence content may be at most ${(ctx.config.maxBlobBytes / 1024 / 1024).toFixed(1)} MB on this server (its --max-blob-mb setting); this upload is larger`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const inserted = await ctx.db.execute(
    `INSERT INTO blobs (team_id, id, content_type, byte_size, sha256, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (team_id, id) DO NOTHING`,
    [principal.teamId, id, contentType, bytes.byteLength, sha256, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ctx.clock()],
  );
  if (inserted === 0) {
    const existing = await ctx.db.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE team_id = $1 AND id = $2', [principal.teamId, id]);
    if (existing[0]?.sha256 !== sha256) throw new ApiError(409, 'conflict', 'A different blob with this id already exists');
  }
  return { id, byteSize: bytes.byteLength, sha256, created: inserted > 0 };
}

export async function getBlob(ctx: ServerContext, principal: Principal, id: string): Promise<{ contentType: string; bytes: ArrayBuffer }> {
  const rows = await ctx.db.query<{ content_type: string; data: Uint8Array }>('SELECT content_type, data FROM blobs WHERE team_id = $1 AND id = $2', [principal.teamId, id]);
  const row = rows[0];
  if (!row) throw notFound('Blob');
  return { contentType: row.content_type, bytes: Uint8Array.from(row.data).buffer };
}
