import fs from 'node:fs';
import path from 'node:path';
import { MAX_KB_DOCUMENT_BYTES } from '../limits';

/** Text formats indexed from a directory; others are listed as skipped, never guessed at. */
const TEXT_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.text']);

export interface DirectoryDocument {
  /** Path relative to the indexed directory, with forward slashes: the document's source. */
  relativePath: string;
  text: string;
}

export interface DirectoryScan {
  documents: DirectoryDocument[];
  skipped: { relativePath: string; reason: string }[];
}

export function readDocumentDirectory(dir: string): DirectoryScan {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  const scan: DirectoryScan = { documents: [], skipped: [] };
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      const relativePath = path.relative(dir, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      if (!entry.isFile()) continue;
      if (!TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        scan.skipped.push({ relativePath, reason: 'not a Markdown or text file' });
        continue;
      }
      const size = fs.statSync(full).size;
      if (size > MAX_KB_DOCUMENT_BYTES) {
        scan.skipped.push({ relativePath, reason: `larger than ${MAX_KB_DOCUMENT_BYTES / 1024 / 1024} MB` });
        continue;
      }
      const text = fs.readFileSync(full, 'utf8');
      if (text.trim().length === 0) {
        scan.skipped.push({ relativePath, reason: 'empty' });
        continue;
      }
      if (text.includes('\u0000')) {
        scan.skipped.push({ relativePath, reason: 'binary content' });
        continue;
      }
      scan.documents.push({ relativePath, text });
    }
  };
  walk(dir);
  return scan;
}
