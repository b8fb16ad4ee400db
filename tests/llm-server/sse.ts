// Server-sent-events writer shared by both vendor formats. It owns the timing
// and the stream-level faults (chunk delays, abrupt cut, garbage line) so the
// format modules only describe *what* frames exist.
import type { ServerResponse } from 'node:http';

export interface SseFrame {
  /** SSE `event:` name (Anthropic uses them; OpenAI sends bare `data:` lines). */
  event?: string;
  data: string;
  /**
   * content: a text or tool-argument delta — delayed by chunkDelayMs and counted for faults;
   * final: a frame that only a complete stream has (finish chunk, [DONE], message_stop);
   * meta: everything else (role chunk, block start/stop, ping).
   */
  kind: 'meta' | 'content' | 'final';
}

export interface SseOptions {
  chunkDelayMs: number;
  /** Destroy the socket once this many content frames were sent. */
  cutAfterChunks?: number;
  /** Inject this raw SSE text once this many content frames were sent, then carry on. */
  garbage?: { afterChunks: number; raw: string };
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
}

export function formatSse(frame: Pick<SseFrame, 'event' | 'data'>): string {
  return `${frame.event === undefined ? '' : `event: ${frame.event}\n`}data: ${frame.data}\n\n`;
}

/** Resolves after ms, or early when the signal aborts (callers re-check the signal). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves once Node handed the bytes to the socket, so a later destroy() cannot drop them. */
function writeFlushed(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.write(text, () => resolve());
  });
}

export type SseOutcome = 'complete' | 'cut' | 'client-gone';

export async function writeSseStream(res: ServerResponse, frames: SseFrame[], opts: SseOptions): Promise<SseOutcome> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  // Headers go out now so the client sees the stream open even if the first chunk is delayed.
  res.flushHeaders();

  let contentSent = 0;
  let garbageSent = false;
  for (const frame of frames) {
    if (opts.signal.aborted || res.destroyed) return 'client-gone';
    const countedFrame = frame.kind !== 'meta';
    if (opts.cutAfterChunks !== undefined && countedFrame && contentSent >= opts.cutAfterChunks) {
      // No terminating chunk, no [DONE]/message_stop: the client sees the connection die mid-body.
      res.socket?.destroy();
      return 'cut';
    }
    if (opts.garbage && !garbageSent && countedFrame && contentSent >= opts.garbage.afterChunks) {
      garbageSent = true;
      await writeFlushed(res, opts.garbage.raw);
    }
    if (frame.kind === 'content' && contentSent > 0) {
      await sleep(opts.chunkDelayMs, opts.signal);
      if (opts.signal.aborted || res.destroyed) return 'client-gone';
    }
    await writeFlushed(res, formatSse(frame));
    if (frame.kind === 'content') contentSent += 1;
  }
  res.end();
  return 'complete';
}
