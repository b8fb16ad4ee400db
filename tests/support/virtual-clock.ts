import type { SettleClock } from '@/lib/sites/stable-snapshot';

/**
 * A clock for tests of the settle wait: time only moves when the waiter sleeps, and the page's
 * own activity (a row every 4 ms, a view swap at 20 ms) is scheduled on the same virtual time,
 * so what the waiter sees never depends on how loaded the machine is.
 */
export class VirtualClock implements SettleClock {
  private time = 0;
  private events: { at: number; every?: number; run: () => void }[] = [];

  now(): number {
    return this.time;
  }

  at(ms: number, run: () => void): void {
    this.events.push({ at: ms, run });
  }

  every(ms: number, run: () => void): void {
    this.events.push({ at: ms, every: ms, run });
  }

  async sleep(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const next = this.events.filter((e) => e.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = next.at;
      next.run();
      if (next.every) next.at += next.every;
      else this.events.splice(this.events.indexOf(next), 1);
    }
    this.time = until;
  }
}
