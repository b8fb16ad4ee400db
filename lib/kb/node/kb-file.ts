import fs from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../embedder';
import type { PreparedDocument } from '../ingest';
import { decodePackDocuments, encodePack, type KbPack } from '../pack-format';

/**
 * The CLI's knowledge-base file (`--db PATH`): the same format as the shipped pack, holding the
 * user's indexed documents with their chunks and vectors, so a search never re-embeds them.
 */

export function readKbFile(file: string, embedder: Embedder): PreparedDocument[] {
  if (!fs.existsSync(file)) return [];
  let pack: KbPack;
  try {
    pack = JSON.parse(fs.readFileSync(file, 'utf8')) as KbPack;
  } catch (error) {
    throw new Error(`${file} is not a knowledge-base file (${error instanceof Error ? error.message : String(error)})`);
  }
  if (pack.embedderId !== embedder.id) {
    throw new Error(`${file} was indexed with ${pack.embedderId}, but this build embeds with ${embedder.id}; re-index it`);
  }
  return decodePackDocuments(pack);
}

/** Writes atomically (temp file + rename) so an interrupted run never leaves half a file. */
export function writeKbFile(file: string, documents: PreparedDocument[], embedder: Embedder): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, JSON.stringify(encodePack(documents, embedder.id, embedder.dim, '')));
  fs.renameSync(temp, file);
}
