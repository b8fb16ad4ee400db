import type { CommandName, CommandRequest, CommandResponse } from '@/lib/messaging/protocol';

/** How dashboard components reach the service worker: `sendCommand` in the extension, the handlers in tests. */
export type DashboardClient = <N extends CommandName>(name: N, payload: CommandRequest<N>) => Promise<CommandResponse<N>>;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
