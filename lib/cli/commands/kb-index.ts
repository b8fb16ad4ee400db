import path from 'node:path';
import { prepareDocument, type PreparedDocument } from '../../kb/ingest';
import { loadStaticEmbedder } from '../../kb/node/artifacts';
import { readKbFile, writeKbFile } from '../../kb/node/kb-file';
import { readDocumentDirectory } from '../../kb/node/read-document-dir';
import { parseArgs, type CliCommand } from '../command';

/** `kb index DIR --db PATH`: chunks and embeds a directory of runbooks into a user knowledge base file. */
export const kbIndexCommand: CliCommand = {
  path: ['kb', 'index'],
  summary: 'Index a directory of Markdown/text runbooks into a knowledge-base file',
  usage: 'kb index DIR --db PATH [--json]',
  async run(args, io) {
    const { flags, positionals } = parseArgs(args);
    const dir = positionals[0];
    const db = typeof flags.db === 'string' ? flags.db : undefined;
    if (!dir || !db) {
      io.stderr('Usage: faultmaven kb index DIR --db PATH [--json]\n');
      return 2;
    }
    const embedder = loadStaticEmbedder();
    const existing = new Map(readKbFile(db, embedder).map((d) => [d.meta.id, d]));
    const scan = readDocumentDirectory(dir);
    const root = path.resolve(dir);
    let chunks = 0;
    const indexed: PreparedDocument[] = [];
    for (const doc of scan.documents) {
      // The id is the absolute path: re-indexing the same directory replaces, never duplicates.
      const id = `user:${path.join(root, doc.relativePath)}`;
      const prepared = await prepareDocument(
        { id, tier: 'user', source: path.join(root, doc.relativePath), text: doc.text, fallbackTitle: path.basename(doc.relativePath) },
        embedder,
      );
      existing.set(id, prepared);
      indexed.push(prepared);
      chunks += prepared.chunks.length;
    }
    writeKbFile(db, [...existing.values()], embedder);
    if (flags.json) {
      io.stdout(`${JSON.stringify({ indexed: indexed.length, chunks, documents: existing.size, skipped: scan.skipped })}\n`);
    } else {
      io.stdout(`Indexed ${indexed.length} documents (${chunks} chunks) into ${db}; it now holds ${existing.size} documents.\n`);
      for (const s of scan.skipped) io.stdout(`  skipped ${s.relativePath}: ${s.reason}\n`);
    }
    return 0;
  },
};
