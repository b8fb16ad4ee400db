import type { ProviderError } from '../model';
import { CircuitBreaker, DEFAULT_BREAKER, type CircuitBreakerOptions } from './circuit-breaker';

/** What the chain remembers about one provider between turns. */
export class ProviderHealth {
  readonly breaker: CircuitBreaker;
  /** Not before this time (Retry-After, or backoff after a failure). */
  cooldownUntil = 0;
  lastError: ProviderError | undefined;

  constructor(options: CircuitBreakerOptions) {
    this.breaker = new CircuitBreaker(options);
  }
}

/**
 * Health of every provider, keyed by provider id. One registry lives as long as the service
 * worker, so a provider that failed in the last turn is still known to be failing in the next.
 */
export class ProviderHealthRegistry {
  private readonly byId = new Map<string, ProviderHealth>();

  constructor(private readonly breakerOptions: CircuitBreakerOptions = DEFAULT_BREAKER) {}

  get(id: string): ProviderHealth {
    let health = this.byId.get(id);
    if (!health) {
      health = new ProviderHealth(this.breakerOptions);
      this.byId.set(id, health);
    }
    return health;
  }

  /** Forget a provider (edited or deleted): its new settings deserve a fresh start. */
  reset(id: string): void {
    this.byId.delete(id);
  }
}
