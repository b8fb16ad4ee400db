import type { FaultMavenDB } from '@/lib/db/schema';
import type { TokenCounter } from '@/lib/llm/tokens/token-counter';
import type { TurnEvent, TurnRequest } from '@/lib/messaging/protocol';
import { FaultMavenError } from '@/lib/messaging/errors';
import { beginTurn, prepareRetry } from './turn-store';
import { runTurn, type TurnChain, type TurnDeps } from './run-turn';

/**
 * Owns the turns running in this service worker: starts, retries and stops them, and fans
 * their events out to every listener (several panels may watch the same case).
 */
export class TurnRunner {
  private readonly live = new Map<string, AbortController>();
  private readonly listeners = new Set<(event: TurnEvent) => void>();

  constructor(
    private readonly db: FaultMavenDB,
    /** The user's provider chain as it is now (re-read per turn: settings may have changed). */
    private readonly resolveChain: () => Promise<TurnChain>,
    private readonly tokens?: TokenCounter,
    private readonly searchKnowledge?: TurnDeps['searchKnowledge'],
  ) {}

  liveIds(): ReadonlySet<string> {
    return new Set(this.live.keys());
  }

  subscribe(listener: (event: TurnEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit = (event: TurnEvent) => {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener whose page went away must not break the turn for the others.
      }
    }
  };

  /**
   * Handles one request and resolves when its turn has ended. Failures before the turn
   * starts (busy, closed case, empty message) reject, so only the requester hears of them;
   * failures during the turn are broadcast as `error` events and recorded on the message.
   */
  async handle(request: TurnRequest): Promise<void> {
    switch (request.type) {
      case 'send': {
        const { assistant } = await beginTurn(this.db, request.caseId, request.text, request.intent);
        return this.run(assistant.id);
      }
      case 'retry': {
        const assistant = await prepareRetry(this.db, request.assistantMessageId);
        return this.run(assistant.id);
      }
      case 'abort': {
        const controller = this.live.get(request.assistantMessageId);
        if (!controller) throw new FaultMavenError('not-found', 'That answer is not being written any more');
        controller.abort();
        return;
      }
      default:
        throw new FaultMavenError('unknown-command', `Unknown turn request "${(request as { type: string }).type}"`);
    }
  }

  private async run(assistantMessageId: string): Promise<void> {
    const controller = new AbortController();
    this.live.set(assistantMessageId, controller);
    try {
      await runTurn(
        {
          db: this.db,
          resolveChain: this.resolveChain,
          emit: this.emit,
          ...(this.tokens ? { tokens: this.tokens } : {}),
          ...(this.searchKnowledge ? { searchKnowledge: this.searchKnowledge } : {}),
        },
        assistantMessageId,
        controller.signal,
      );
    } finally {
      this.live.delete(assistantMessageId);
    }
  }
}
