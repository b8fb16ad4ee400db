import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';
import { backoffDelay } from './backoff';

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures and lets one trial through after the pause', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1000 });
    breaker.recordFailure(0);
    breaker.recordFailure(1);
    expect(breaker.state(2)).toBe('closed');
    breaker.recordFailure(2);
    expect(breaker.state(3)).toBe('open');
    expect(breaker.canTry(500)).toBe(false);
    expect(breaker.reopensAt()).toBe(1002);

    expect(breaker.canTry(1002)).toBe(true);
    breaker.begin(1002);
    expect(breaker.canTry(1003)).toBe(false); // only one trial at a time
    breaker.recordFailure(1010);
    expect(breaker.state(1011)).toBe('open'); // a failed trial reopens at once

    breaker.begin(2010);
    breaker.recordSuccess();
    expect(breaker.state(2011)).toBe('closed');
    expect(breaker.failures).toBe(0);
  });

  it('a success in between resets the count', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 1000 });
    breaker.recordFailure(0);
    breaker.recordSuccess();
    breaker.recordFailure(1);
    expect(breaker.state(2)).toBe('closed');
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap, with bounded jitter', () => {
    const flat = { baseMs: 250, maxMs: 2000, jitter: 0 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, flat))).toEqual([250, 500, 1000, 2000, 2000]);
    const jittery = { baseMs: 1000, maxMs: 8000, jitter: 0.2 };
    expect(backoffDelay(1, jittery, () => 0)).toBe(800);
    expect(backoffDelay(1, jittery, () => 1)).toBe(1200);
  });
});
