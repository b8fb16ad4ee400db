/**
 * Passes events through until none arrives for `ms`; then calls `onIdle` (which should abort
 * the underlying request) and ends. SDK timeouts only cover the wait for response headers;
 * this also catches a stream that goes silent halfway.
 */
export async function* untilIdle<E>(events: AsyncIterable<E>, ms: number, onIdle: () => void): AsyncGenerator<E, 'idle' | 'done'> {
  const iterator = events[Symbol.asyncIterator]();
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const idle = new Promise<'idle'>((resolve) => {
      timer = setTimeout(() => resolve('idle'), ms);
    });
    const next = await Promise.race([iterator.next(), idle]);
    clearTimeout(timer);
    if (next === 'idle') {
      onIdle();
      // Let the aborted request wind down in the background; its result no longer matters.
      void iterator.return?.(undefined)?.catch(() => undefined);
      return 'idle';
    }
    if (next.done) return 'done';
    yield next.value;
  }
}

/** An AbortController that also aborts when `parent` does. */
export function linkedController(parent: AbortSignal | undefined): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  if (!parent) return { controller, release: () => undefined };
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, release: () => undefined };
  }
  const forward = () => controller.abort(parent.reason);
  parent.addEventListener('abort', forward, { once: true });
  return { controller, release: () => parent.removeEventListener('abort', forward) };
}
