import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '@/lib/db/records';
import { buildIncidentTimeline, formatTick, timeTicks } from './incident-timeline';

const T0 = Date.parse('2026-11-24T14:00:00Z');

function evidence(id: string, capturedAt: number, text: string, extra: Partial<EvidenceRecord> = {}): EvidenceRecord {
  return {
    id,
    caseId: 'c',
    kind: 'file',
    title: id,
    text,
    truncated: false,
    provenance: { extractor: 'upload', source: 'sidepanel', capturedAt },
    createdAt: capturedAt,
    ...extra,
  } as EvidenceRecord;
}

/** A real-looking service log: steady INFO traffic, errors bursting at 14:05. */
function checkoutLog(): string {
  const lines: string[] = [];
  for (let minute = 0; minute < 10; minute++) {
    for (let i = 0; i < 20; i++) {
      const at = new Date(T0 + minute * 60_000 + i * 2_000).toISOString();
      lines.push(`${at} INFO  checkout handled request id=${minute * 100 + i} in ${40 + i}ms`);
      if (minute >= 5 && minute <= 6 && i % 2 === 0) lines.push(`${at} ERROR checkout upstream connect error pool=payments retries=${i}`);
    }
  }
  return lines.join('\n');
}

describe('incident timeline', () => {
  it('puts captures, console time ranges and log errors per minute on one axis', () => {
    const grafana = evidence('g', T0 + 12 * 60_000, 'Checkout dashboard', {
      kind: 'page',
      structured: { pageKind: 'grafana-dashboard', timeRange: { from: '2026-11-24T13:30:00Z', to: '2026-11-24T14:12:00Z', raw: 'now-42m' }, queries: [], entities: [], keyValues: {}, notices: [] } as never,
    });
    const log = evidence('l', T0 + 15 * 60_000, checkoutLog());
    const timeline = buildIncidentTimeline([log, grafana], new Map([['g', 'E1'], ['l', 'E2']]))!;

    expect(timeline.captures.map((c) => c.label)).toEqual(['E1', 'E2']);
    expect(timeline.ranges).toEqual([{ evidenceId: 'g', label: 'E1', title: 'g', from: Date.parse('2026-11-24T13:30:00Z'), to: Date.parse('2026-11-24T14:12:00Z') }]);
    const series = timeline.logs[0]!;
    expect(series.label).toBe('E2');
    expect(series.bucketMs).toBe(60_000);
    expect(series.totalErrors).toBe(20);
    expect(series.peak).toEqual({ start: T0 + 5 * 60_000, errors: 10 });
    expect(series.buckets.find((b) => b.start === T0)).toMatchObject({ lines: 20, errors: 0 });
    expect(timeline.start).toBe(Date.parse('2026-11-24T13:30:00Z'));
    expect(timeline.end).toBe(T0 + 15 * 60_000);
  });

  it('places date-less log times on the capture day, and says so', () => {
    const text = Array.from({ length: 30 }, (_, i) => `10:0${Math.floor(i / 10)}:${String(i).padStart(2, '0')}.000 [main] ERROR c.e.Pool - timeout ${i}`).join('\n');
    const timeline = buildIncidentTimeline([evidence('l', Date.parse('2026-11-24T11:00:00Z'), text)], new Map([['l', 'E1']]))!;
    expect(timeline.logs[0]!.buckets[0]!.start).toBe(Date.parse('2026-11-24T10:00:00Z'));
    expect(timeline.notes[0]).toMatch(/E1: .*capture date/);
  });

  it('widens a single capture to a drawable span, and has nothing to draw without evidence', () => {
    const timeline = buildIncidentTimeline([evidence('n', T0, 'just a note')])!;
    expect(timeline.logs).toEqual([]);
    expect(timeline.end - timeline.start).toBe(300_000);
    expect(buildIncidentTimeline([])).toBeNull();
  });

  it('ticks on round times and labels them in UTC', () => {
    expect(timeTicks(T0 + 60_000, T0 + 29 * 60_000).map((t) => formatTick(t, false))).toEqual(['14:10', '14:20']);
    expect(timeTicks(T0, T0 + 2 * 86_400_000).length).toBeLessThanOrEqual(5);
    expect(formatTick(T0, true)).toBe('11-24 14:00');
  });
});
