import { HEAD_CHARS, TAIL_CHARS } from './upload-limits';
import { CONDENSED_UPLOAD_MARKER, UploadLogCondenser, type CondensedUpload } from './upload-log-condenser';

export interface TextUploadResult {
  text: string;
  truncated: boolean;
  bytesRead: number;
  lines: number;
  /** Bytes that were not valid UTF-8 and were replaced with U+FFFD. */
  invalidSequences: number;
  /** For a log too big to keep whole: the summary of the WHOLE file stored with the excerpts. */
  condensed: CondensedUpload | null;
}

export class BinaryContentError extends Error {}

/** Longest stretch of reading and condensing without letting the page handle input. */
const YIELD_EVERY_MS = 40;

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
 * Streams a text file chunk by chunk: memory stays bounded by the head and tail kept (plus the
 * log analyzer's templates), whatever the file size, and `onProgress` lets the UI draw a
 * progress bar. Between chunks the reader awaits, so the page stays responsive, and `signal`
 * cancels between any two chunks. Files that look binary are refused.
 *
 * A log too big to keep whole is condensed over its ENTIRE length while it streams (templates
 * with counts, first/last seen, the error templates with real lines, error timeline): the
 * evidence stores that summary plus the head and tail excerpts, never the whole raw file.
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
  let lastYield = performance.now();
  const condenser = new UploadLogCondenser();
  const take = (chunk: string) => {
    condenser.push(chunk);
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
      if (signal?.aborted) {
        await reader.cancel().catch(() => {});
        throw new DOMException('Upload cancelled', 'AbortError');
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (first) {
        first = false;
        if (looksBinary(value)) throw new BinaryContentError(`${file.name ?? 'This file'} looks binary (it contains NUL or control bytes), so it was not added.`);
      }
      bytesRead += value.byteLength;
      take(decoder.decode(value, { stream: true }));
      onProgress(bytesRead, file.size);
      // A stream whose reads resolve as microtasks (cached or in-memory files) would otherwise
      // hold the thread for the whole file: give the page a turn to paint and to take a Cancel click.
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
    }
    take(decoder.decode());
  } finally {
    reader.releaseLock();
  }
  if (totalChars > 0 && !/\n$/.test(tail || head)) lines++;
  const omitted = totalChars - head.length - tail.length;
  const truncated = omitted > 0;
  if (!truncated) return { text: head + tail, truncated, bytesRead, lines, invalidSequences, condensed: null };
  const size = `${(bytesRead / 1024 / 1024).toFixed(1)} MB file, ${lines.toLocaleString('en-US')} lines`;
  const gap = `[… ${omitted.toLocaleString('en-US')} characters (${size}) omitted: only the start and the end are kept verbatim …]`;
  const condensed = condenser.finish();
  if (!condensed) return { text: `${head}\n\n${gap}\n\n${tail}`, truncated, bytesRead, lines, invalidSequences, condensed };
  const text = [
    `${CONDENSED_UPLOAD_MARKER}${size}): condensed over the whole file below, then its start and end verbatim.]`,
    `## Condensed log (whole file)\n${condensed.summary}`,
    `## Start of the file\n${head}`,
    gap,
    `## End of the file\n${tail}`,
  ].join('\n\n');
  return { text, truncated, bytesRead, lines, invalidSequences, condensed };
}
