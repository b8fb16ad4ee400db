// What the Chromium half of the kb-search benchmark runs in a page: the real search core, the
// real ingestion (chunker + offline embedder) and the real IndexedDB persistence (Dexie schema
// + kb-store), bundled by esbuild into one IIFE.
import { FaultMavenDB } from '../../../lib/db/schema';
import { FlatVectorStore } from '../../../lib/kb/flat-vector-store';
import { prepareDocument } from '../../../lib/kb/ingest';
import { KbIndex } from '../../../lib/kb/kb-index';
import { saveDocument, streamStoredDocuments, withChunkTexts } from '../../../lib/kb/kb-store';
import { StaticWordEmbedder } from '../../../lib/kb/static-word-embedder';
import { normalise } from '../../../lib/kb/vector-math';
import { decodeWordVectors } from '../../../lib/kb/word-vectors';

export { decodeWordVectors, FaultMavenDB, FlatVectorStore, KbIndex, normalise, prepareDocument, saveDocument, StaticWordEmbedder, streamStoredDocuments, withChunkTexts };
