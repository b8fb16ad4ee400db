export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one trial call is let through. */
  openMs: number;
}

export const DEFAULT_BREAKER: CircuitBreakerOptions = { failureThreshold: 3, openMs: 30_000 };

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Per-provider circuit breaker: after `failureThreshold` failures in a row the provider is
 * skipped for `openMs`, so a storm of 5xx does not cost every turn a doomed request. Then one
 * trial call is allowed (half-open): success closes the circuit, failure opens it again.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions = DEFAULT_BREAKER) {}

  state(now: number): CircuitState {
    if (this.openedAt === null) return 'closed';
    return now - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now (without reserving the half-open trial). */
  canTry(now: number): boolean {
    const state = this.state(now);
    return state === 'closed' || (state === 'half-open' && !this.trialInFlight);
  }

  /** Marks a call as started; in half-open state it is the one trial. */
  begin(now: number): void {
    if (this.state(now) !== 'closed') this.trialInFlight = true;
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  recordFailure(now: number): void {
    this.consecutiveFailures += 1;
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    if (wasTrial || this.consecutiveFailures >= this.options.failureThreshold) this.openedAt = now;
  }

  /** Consecutive failures so far (drives the backoff ladder). */
  get failures(): number {
    return this.consecutiveFailures;
  }

  /** When an open circuit lets its next trial through. */
  reopensAt(): number | null {
    return this.openedAt === null ? null : this.openedAt + this.options.openMs;
  }
}
