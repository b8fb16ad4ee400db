import fs from 'node:fs';

/**
 * Reads a text file (or stdin for `-`) as a stream of decoded chunks for `fm logs analyze` and
 * `fm redact`: the file is never held whole in memory. Binary files are refused with a clear
 * message before anything is read past the first 8 KB; invalid UTF-8 is replaced with U+FFFD
 * and counted, so a damaged log still gets analysed.
 */
export class InputError extends Error {
  override name = 'InputError';
}

export interface TextInput {
  chunks: AsyncIterable<string>;
  /** Filled in while reading: bytes read and invalid UTF-8 sequences replaced. */
  stats: { bytes: number; invalidSequences: number };
  /** Year of the file's modification time: completes dates written without a year. */
  year: number;
}

const SNIFF_BYTES = 8192;
const CHUNK_BYTES = 1024 * 1024;

/** Magic numbers of formats people mistake for logs: archives, images, executables, PDFs. */
const BINARY_MAGIC: [string, number[]][] = [
  ['a gzip archive', [0x1f, 0x8b]],
  ['a zip archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['a zstd archive', [0x28, 0xb5, 0x2f, 0xfd]],
  ['a bzip2 archive', [0x42, 0x5a, 0x68]],
  ['an xz archive', [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
];

/** Why `head` is not text, or null when it is. */
export function binaryReason(head: Uint8Array): string | null {
  for (const [name, magic] of BINARY_MAGIC) {
    if (head.length >= magic.length && magic.every((b, i) => head[i] === b)) return `it is ${name}`;
  }
  const n = Math.min(head.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return 'it contains NUL bytes';
    if (b < 9 || (b > 13 && b < 32) || b === 127) control++;
  }
  return n > 0 && control / n > 0.1 ? `${Math.round((100 * control) / n)}% of its first bytes are control characters` : null;
}

export async function openTextInput(file: string): Promise<TextInput> {
  let year = new Date().getUTCFullYear();
  let source: AsyncIterable<Buffer>;
  const label = file === '-' ? 'standard input' : file;
  if (file === '-') {
    source = process.stdin;
  } else {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      throw new InputError(`${file}: no such file`);
    }
    if (stat.isDirectory()) throw new InputError(`${file} is a directory; give a file`);
    year = stat.mtime.getUTCFullYear();
    source = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
  }
  const stats = { bytes: 0, invalidSequences: 0 };
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const reason = binaryReason(head);
  if (reason) {
    await iterator.return?.();
    throw new InputError(`${label} looks binary (${reason}); give a text log or config file`);
  }
  async function* decode(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
    const emit = (bytes: Uint8Array, last: boolean) => {
      stats.bytes += bytes.length;
      const text = decoder.decode(bytes, { stream: !last });
      stats.invalidSequences += countReplacements(text);
      return text;
    };
    if (head.length > 0) yield emit(head, false);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield emit(next.value, false);
    const tail = emit(new Uint8Array(0), true);
    if (tail) yield tail;
  }
  return { chunks: decode(), stats, year };
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}
