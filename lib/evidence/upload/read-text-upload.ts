import { HEAD_CHARS, TAIL_CHARS } from './upload-limits';

export interface TextUploadResult {
  text: string;
  truncated: boolean;
  bytesRead: number;
  lines: number;
  /** Bytes that were not valid UTF-8 and were replaced with U+FFFD. */
  invalidSequences: number;
}

export class BinaryContentError extends Error {}

/** Bytes sniffed for NULs and control characters before anything is kept. */
const SNIFF_BYTES = 8192;

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * Streams a text file chunk by chunk: memory stays bounded by the head and tail kept, whatever
 * the file size, and `onProgress` lets the UI draw a progress bar. Between chunks the reader
 * awaits, so the page stays responsive. Files that look binary are refused.
 */
export async function readTextUpload(
  file: Blob & { name?: string },
  onProgress: (bytesRead: number, total: number) => void = () => {},
  signal?: AbortSignal,
): Promise<TextUploadResult> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let head = '';
  let tail = '';
  let bytesRead = 0;
  let lines = 0;
  let invalidSequences = 0;
  let totalChars = 0;
  let first = true;
  const take = (chunk: string) => {
    totalChars += chunk.length;
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lines++;
    for (let i = chunk.indexOf('\uFFFD'); i !== -1; i = chunk.indexOf('\uFFFD', i + 1)) invalidSequences++;
    if (head.length < HEAD_CHARS) {
      const room = HEAD_CHARS - head.length;
      head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk) {
      tail = chunk.length >= TAIL_CHARS ? chunk.slice(-TAIL_CHARS) : (tail + chunk).slice(-TAIL_CHARS);
    }
  };
  try {
    for (;;) {
      if (signal?.aborted) throw new DOMException('Upload cancelled', 'AbortError');
      const { done, value } = await reader.read();
      if (done) break;
      if (first) {
        first = false;
        if (looksBinary(value)) throw new BinaryContentError(`${file.name ?? 'This file'} looks binary (it contains NUL or control bytes), so it was not added.`);
      }
      bytesRead += value.byteLength;
      take(decoder.decode(value, { stream: true }));
      onProgress(bytesRead, file.size);
    }
    take(decoder.decode());
  } finally {
    reader.releaseLock();
  }
  if (totalChars > 0 && !/\n$/.test(tail || head)) lines++;
  const omitted = totalChars - head.length - tail.length;
  const truncated = omitted > 0;
  const text = truncated
    ? `${head}\n\n[… ${omitted.toLocaleString('en-US')} characters (${(bytesRead / 1024 / 1024).toFixed(1)} MB file, ${lines.toLocaleString('en-US')} lines) omitted: only the start and the end are kept …]\n\n${tail}`
    : head + tail;
  return { text, truncated, bytesRead, lines, invalidSequences };
}
