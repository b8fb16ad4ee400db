import type { AbsoluteTimeRange } from './types';

/**
 * Consoles show time ranges in their own dialects (`now-6h`, epoch milliseconds, `Last 1 hour`,
 * relative seconds). Evidence always carries absolute UTC instants, resolved against the
 * capture time, so "the last hour" still means the same hour when the case is read tomorrow.
 */

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function addCalendar(date: Date, amount: number, unit: string): Date {
  const d = new Date(date.getTime());
  if (unit === 'M') d.setUTCMonth(d.getUTCMonth() + amount);
  else if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() + amount);
  else d.setTime(d.getTime() + amount * UNIT_MS[unit]!);
  return d;
}

function roundTo(date: Date, unit: string, up: boolean): Date {
  const d = new Date(date.getTime());
  switch (unit) {
    case 'y':
      d.setUTCMonth(0, 1);
      d.setUTCHours(0, 0, 0, 0);
      break;
    case 'M':
      d.setUTCDate(1);
      d.setUTCHours(0, 0, 0, 0);
      break;
    case 'w':
      d.setUTCDate(d.getUTCDate() - d.getUTCDay());
      d.setUTCHours(0, 0, 0, 0);
      break;
    case 'd':
      d.setUTCHours(0, 0, 0, 0);
      break;
    case 'h':
      d.setUTCMinutes(0, 0, 0);
      break;
    case 'm':
      d.setUTCSeconds(0, 0);
      break;
    case 's':
      d.setUTCMilliseconds(0);
      break;
  }
  if (!up) return d;
  return new Date(addCalendar(d, 1, unit).getTime() - 1);
}

/**
 * Grafana-style time expression: epoch ms, ISO date, or `now[±N unit]*[/unit]`.
 * `roundUp` is true for the end of a range (`now/d` as `to` means the end of today).
 */
export function parseTimeExpression(expr: string, now: Date, roundUp = false): number | null {
  const e = expr.trim();
  if (/^\d{10,13}$/.test(e)) return e.length === 13 ? Number(e) : Number(e) * 1000;
  const rel = /^now((?:[+-]\d+[smhdwMy])*)(?:\/([smhdwMy]))?$/.exec(e);
  if (rel) {
    let d = new Date(now.getTime());
    for (const step of rel[1]!.matchAll(/([+-])(\d+)([smhdwMy])/g)) {
      d = addCalendar(d, (step[1] === '-' ? -1 : 1) * Number(step[2]), step[3]!);
    }
    if (rel[2]) d = roundTo(d, rel[2], roundUp);
    return d.getTime();
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(e)) {
    // Dates without a zone are taken as UTC: consoles in UTC mode print them that way.
    const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(e) || e.length === 10 ? e : `${e.replace(' ', 'T')}Z`);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

export function rangeFromExpressions(from: string, to: string, now: Date): AbsoluteTimeRange | undefined {
  const f = parseTimeExpression(from, now, false);
  const t = parseTimeExpression(to, now, true);
  if (f === null || t === null || f > t) return undefined;
  return { from: iso(f), to: iso(t), raw: `${from} → ${to}` };
}

export function rangeFromEpochMs(fromMs: number, toMs: number, raw: string): AbsoluteTimeRange | undefined {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs > toMs) return undefined;
  return { from: iso(fromMs), to: iso(toMs), raw };
}

const WORD_UNITS: Record<string, string> = {
  second: 's',
  seconds: 's',
  sec: 's',
  minute: 'm',
  minutes: 'm',
  min: 'm',
  mins: 'm',
  hour: 'h',
  hours: 'h',
  hr: 'h',
  hrs: 'h',
  day: 'd',
  days: 'd',
  week: 'w',
  weeks: 'w',
  month: 'M',
  months: 'M',
};

/** "Last 1 hour", "Past 15 Minutes", "3h", "1w" → a range ending at `now`. */
export function rangeFromRelativeLabel(label: string, now: Date): AbsoluteTimeRange | undefined {
  const m = /(\d+)\s*([a-zA-Z]+)/.exec(label);
  if (!m) return undefined;
  const word = m[2]!;
  const unit = word.length === 1 ? word : WORD_UNITS[word.toLowerCase()];
  if (!unit || !(unit in UNIT_MS || unit === 'M')) return undefined;
  const from = addCalendar(now, -Number(m[1]), unit).getTime();
  return { from: iso(from), to: iso(now.getTime()), raw: label.trim() };
}
