import { browser, type Browser } from 'wxt/browser';
import { TURN_PORT_NAME, type TurnEvent, type TurnRequest } from '@/lib/messaging/protocol';
import { sendCommand } from '@/lib/messaging/client';
import { useTurnStream } from './turn-stream-store';

let port: Browser.runtime.Port | null = null;

/**
 * The page's port to the service worker. If the worker dies, the port drops: live buffers
 * are discarded (Dexie has the persisted text) and a ping wakes the worker so its startup
 * recovery marks the cut answer as interrupted, ready for retry.
 */
function connect(): Browser.runtime.Port {
  if (port) return port;
  const opened = browser.runtime.connect({ name: TURN_PORT_NAME });
  opened.onMessage.addListener((event: TurnEvent) => useTurnStream.getState().apply(event));
  opened.onDisconnect.addListener(() => {
    if (port === opened) port = null;
    const hadLiveAnswers = Object.keys(useTurnStream.getState().answers).length > 0;
    useTurnStream.getState().clearAnswers();
    if (hadLiveAnswers) {
      void sendCommand('system/ping', {})
        .then(() => connect())
        .catch(() => undefined);
    }
  });
  port = opened;
  return opened;
}

export function watchTurns(): void {
  connect();
}

export function requestTurn(request: TurnRequest): void {
  useTurnStream.getState().setRequestError(null);
  try {
    connect().postMessage(request);
  } catch {
    // The port died between calls (worker restarted): reconnect once and resend.
    port = null;
    connect().postMessage(request);
  }
}
