import type { ModelStreamEvent, ProviderError } from '@/lib/llm/model';

/** Every event of a stream, in order. */
export async function collect<E extends { type: string }>(stream: AsyncIterable<E>): Promise<E[]> {
  const events: E[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

export function textOf(events: readonly { type: string }[]): string {
  return events
    .filter((e): e is Extract<ModelStreamEvent, { type: 'text-delta' }> => e.type === 'text-delta')
    .map((e) => e.text)
    .join('');
}

/** The error that ended the stream; fails when the stream did not end with one. */
export function endingError(events: readonly { type: string }[]): ProviderError {
  const last = events.at(-1) as ModelStreamEvent | undefined;
  if (last?.type !== 'error') throw new Error(`expected the stream to end with an error, got ${JSON.stringify(last)}`);
  return last.error;
}
