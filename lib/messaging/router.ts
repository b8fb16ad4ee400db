import { browser } from 'wxt/browser';
import { FaultMavenError, serializeError } from './errors';
import {
  COMMAND_NAMES,
  type CommandEnvelope,
  type CommandHandlers,
  type CommandName,
  type CommandReply,
  type MessageSenderInfo,
} from './protocol';

export function isCommandEnvelope(message: unknown): message is CommandEnvelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { fm?: unknown }).fm === 'command' &&
    typeof (message as { name?: unknown }).name === 'string'
  );
}

/** Runs one command and always resolves: failures become `{ ok: false, error }`. */
export async function dispatchCommand(
  handlers: CommandHandlers,
  envelope: CommandEnvelope,
  sender: MessageSenderInfo,
): Promise<CommandReply> {
  try {
    if (!(COMMAND_NAMES as readonly string[]).includes(envelope.name)) {
      throw new FaultMavenError('unknown-command', `Unknown command "${envelope.name}"`);
    }
    const handler = handlers[envelope.name] as (p: unknown, s: MessageSenderInfo) => Promise<unknown>;
    const value = await handler(envelope.payload ?? {}, sender);
    return { ok: true, value } as CommandReply;
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

/**
 * Serves commands in the service worker. `beforeEach` lets startup recovery finish before
 * the first command touches the database.
 */
export function registerCommandRouter(handlers: CommandHandlers, beforeEach: () => Promise<void>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: CommandReply) => void) => {
    if (!isCommandEnvelope(message)) return false;
    const info: MessageSenderInfo = { tabId: sender.tab?.id, url: sender.url };
    void beforeEach()
      .then(() => dispatchCommand(handlers, message, info))
      .catch((error: unknown) => ({ ok: false as const, error: serializeError(error) }))
      .then(sendResponse);
    return true; // keep the channel open for the async reply
  });
}

export type { CommandName };
