import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalChangeTrigger, touchesSyncedTable } from './local-change-trigger';

describe('LocalChangeTrigger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once after a burst of writes goes quiet', () => {
    const fire = vi.fn();
    const trigger = new LocalChangeTrigger(fire, 2_000, 10_000, () => Date.now());
    trigger.poke();
    vi.advanceTimersByTime(1_500);
    trigger.poke();
    vi.advanceTimersByTime(1_500);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('still fires within maxDelay while writes never stop', () => {
    const fire = vi.fn();
    const trigger = new LocalChangeTrigger(fire, 2_000, 5_000, () => Date.now());
    for (let t = 0; t < 6_000; t += 500) {
      trigger.poke();
      vi.advanceTimersByTime(500);
    }
    expect(fire).toHaveBeenCalledTimes(1);
    trigger.cancel();
    vi.advanceTimersByTime(10_000);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});

describe('touchesSyncedTable', () => {
  it('counts writes to synced tables of this database only', () => {
    expect(touchesSyncedTable({ 'idb://faultmaven/messages/': {} }, 'faultmaven')).toBe(true);
    expect(touchesSyncedTable({ 'idb://faultmaven/kbDocuments/id': {} }, 'faultmaven')).toBe(true);
    expect(touchesSyncedTable({ 'idb://faultmaven/settings/': {} }, 'faultmaven')).toBe(false);
    expect(touchesSyncedTable({ 'idb://faultmaven-sync/shadows/': {} }, 'faultmaven')).toBe(false);
    expect(touchesSyncedTable({ 'idb://other/cases/': {} }, 'faultmaven')).toBe(false);
  });
});
