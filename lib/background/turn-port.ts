import { browser, type Browser } from 'wxt/browser';
import { TURN_PORT_NAME, TURN_REQUEST_TYPES, type TurnEvent, type TurnRequest } from '@/lib/messaging/protocol';
import { serializeError } from '@/lib/messaging/errors';
import type { TurnRunner } from '@/lib/turns/turn-runner';

function isTurnRequest(message: unknown): message is TurnRequest {
  return (
    typeof message === 'object' &&
    message !== null &&
    (TURN_REQUEST_TYPES as readonly string[]).includes((message as { type?: string }).type ?? '')
  );
}

/** Connects side-panel ports to the turn runner: requests in, streamed events out. */
export function serveTurnPorts(runner: TurnRunner, ready: () => Promise<void>): void {
  browser.runtime.onConnect.addListener((port: Browser.runtime.Port) => {
    if (port.name !== TURN_PORT_NAME) return;
    let open = true;
    const post = (event: TurnEvent) => {
      if (open) port.postMessage(event);
    };
    const unsubscribe = runner.subscribe(post);
    port.onDisconnect.addListener(() => {
      // The turn keeps running and persisting; only this listener goes away.
      open = false;
      unsubscribe();
    });
    port.onMessage.addListener((message: unknown) => {
      if (!isTurnRequest(message)) {
        post({ type: 'error', error: { name: 'Error', code: 'invalid-input', message: 'Malformed turn request' } });
        return;
      }
      void ready()
        .then(() => runner.handle(message))
        .catch((error: unknown) => post({ type: 'error', error: serializeError(error) }));
    });
  });
}
