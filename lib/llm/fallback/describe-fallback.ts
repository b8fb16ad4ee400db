import type { FallbackNote } from '@/lib/db/records';

const WHY: Record<string, string> = {
  'rate-limit': 'was rate limited',
  server: 'had a server error',
  timeout: 'timed out',
  network: 'could not be reached',
  'stream-cut': 'dropped the connection',
  'bad-response': 'sent a garbled response',
  auth: 'rejected the API key',
  'bad-request': 'rejected the request',
  'circuit-open': 'is paused after repeated failures',
  locked: 'has a locked key',
  'context-too-long': 'cannot fit this conversation',
};

/** One line for the UI: "Primary was rate limited → Backup answered." */
export function describeFallback(note: FallbackNote): string {
  return `${note.from} ${WHY[note.reason] ?? `failed (${note.reason})`} → ${note.to} answered`;
}
