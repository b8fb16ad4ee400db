import { browser } from 'wxt/browser';
import { deserializeError, RemoteError } from './errors';
import type { CommandName, CommandReply, CommandRequest, CommandResponse, CommandEnvelope } from './protocol';

/**
 * Sends a command to the service worker and returns its value, or throws the handler's
 * error as a `RemoteError` with the same code and message.
 */
export async function sendCommand<N extends CommandName>(
  name: N,
  payload: CommandRequest<N>,
): Promise<CommandResponse<N>> {
  const envelope: CommandEnvelope<N> = { fm: 'command', name, payload };
  const reply = (await browser.runtime.sendMessage(envelope)) as CommandReply<N> | undefined;
  if (!reply) {
    throw new RemoteError('internal', `No reply to "${name}": the background service did not answer`, 'Error');
  }
  if (!reply.ok) throw deserializeError(reply.error);
  return reply.value;
}
