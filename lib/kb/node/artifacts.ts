import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KbPack } from '../pack-format';
import { StaticWordEmbedder } from '../static-word-embedder';
import { decodeWordVectors } from '../word-vectors';

/**
 * Node-side access to the knowledge-base build artifacts (CLI, build script, benchmarks,
 * tests). The extension fetches the same files from its package instead.
 */

// import.meta.dirname is missing when a config loader compiles this file (wxt.config.ts imports it).
const HERE = typeof import.meta.dirname === 'string' ? import.meta.dirname : path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
export const KB_PUBLIC_DIR = path.join(ROOT, 'public/kb');
export const WORD_VECTORS_FILE = path.join(KB_PUBLIC_DIR, 'word-vectors.bin');
export const GLOBAL_PACK_FILE = path.join(KB_PUBLIC_DIR, 'global-pack.json');
export const RUNBOOK_SOURCE_DIR = path.join(ROOT, 'lib/kb/pack/runbooks');

export function loadStaticEmbedder(file = WORD_VECTORS_FILE): StaticWordEmbedder {
  if (!fs.existsSync(file)) throw new Error(`Word vectors not found at ${file}; run: npx tsx scripts/build-kb-pack.ts --word-vectors`);
  return new StaticWordEmbedder(decodeWordVectors(fs.readFileSync(file)));
}

export function loadGlobalPack(file = GLOBAL_PACK_FILE): KbPack {
  if (!fs.existsSync(file)) throw new Error(`Global knowledge pack not found at ${file}; run: npx tsx scripts/build-kb-pack.ts`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as KbPack;
}

export interface RunbookSource {
  file: string;
  text: string;
}

export function readRunbookSources(dir = RUNBOOK_SOURCE_DIR): RunbookSource[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
}

/** Changes whenever a runbook, the word vectors or the embedder id change. */
export function hashPackInputs(sources: RunbookSource[], embedderId: string): string {
  const hash = createHash('sha256');
  hash.update(embedderId);
  for (const s of sources) hash.update(`\0${s.file}\0${s.text}`);
  return hash.digest('hex').slice(0, 16);
}
