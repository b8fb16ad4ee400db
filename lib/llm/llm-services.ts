import type { FaultMavenDB } from '@/lib/db/schema';
import { KeyVault, memorySessionStore, type SessionKeyStore } from '@/lib/settings/key-vault';
import { ProviderHealthRegistry } from './fallback/provider-health';
import { TokenCounter, type RankLoader } from './tokens/token-counter';

/**
 * The long-lived LLM state of one service worker: the key vault, every provider's health
 * (breakers, Retry-After) and the token counter with its lazily loaded tokenizers.
 */
export interface LlmServices {
  vault: KeyVault;
  health: ProviderHealthRegistry;
  tokens: TokenCounter;
}

export function createLlmServices(
  db: FaultMavenDB,
  options: { session?: SessionKeyStore; rankLoader?: RankLoader; pbkdf2Iterations?: number } = {},
): LlmServices {
  return {
    vault: new KeyVault(db, options.session ?? memorySessionStore(), options.pbkdf2Iterations),
    health: new ProviderHealthRegistry(),
    tokens: new TokenCounter(options.rankLoader),
  };
}
