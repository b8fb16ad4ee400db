/**
 * Recognises the timestamp formats that start log lines in the wild and turns them into
 * milliseconds, without being told the format. Times without a zone are read as written
 * (computed as if UTC) and reported without a zone, so nothing is shifted by guesswork.
 */

export type TimestampKind = 'zoned' | 'local' | 'time-only';

export interface TimestampMatch {
  /** Index just after the timestamp (and its closing bracket, if any). */
  end: number;
  ms: number;
  kind: TimestampKind;
  /** Classic syslog (`Jun 14 15:16:01`): a host name always follows. */
  syslog: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};
const MON = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const FRACTION = '(?:[.,](\\d{1,9}))?';

interface Format {
  re: RegExp;
  /** Returns [ms, kind] or null when the digits do not make a real date. */
  read(m: RegExpExecArray, referenceYear: number): [number, TimestampKind] | null;
  syslog?: true;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, frac?: string): number | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return Date.UTC(y, mo, d, h, mi, s, ms);
}

function zoneOffsetMs(zone: string | undefined): number | null {
  if (!zone) return null;
  const z = zone.trim();
  if (z === 'Z' || z === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '+' ? 1 : -1) * minutes * 60_000;
}

const n = (s: string | undefined) => Number(s ?? 0);

/** Ordered so that longer, more specific shapes win over their prefixes. */
const FORMATS: Format[] = [
  {
    // 2024-01-15T10:23:45.123Z, 2024-01-15 10:23:45,123 +0100
    re: new RegExp(`(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})${FRACTION})?(Z|[+-]\\d{2}:?\\d{2}| ?UTC)?(?![\\d:])`, 'y'),
    read(m) {
      const t = utc(n(m[1]), n(m[2]) - 1, n(m[3]), n(m[4]), n(m[5]), n(m[6]), m[7]);
      if (t === null) return null;
      const offset = zoneOffsetMs(m[8]);
      return offset === null ? [t, 'local'] : [t - offset, 'zoned'];
    },
  },
  {
    // BGL: 2005-06-03-15.42.50.675872
    re: /(\d{4})-(\d{2})-(\d{2})-(\d{2})\.(\d{2})\.(\d{2})(?:\.(\d{1,9}))?(?!\d)/y,
    read: (m) => wrap(utc(n(m[1]), n(m[2]) - 1, n(m[3]), n(m[4]), n(m[5]), n(m[6]), m[7])),
  },
  {
    // 2024/01/15 10:23:45
    re: new RegExp(`(\\d{4})/(\\d{2})/(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?!\\d)`, 'y'),
    read: (m) => wrap(utc(n(m[1]), n(m[2]) - 1, n(m[3]), n(m[4]), n(m[5]), n(m[6]), m[7])),
  },
  {
    // ctime / Apache error log: Sun Dec 04 04:47:44 2005
    re: new RegExp(`${DAY} ${MON} +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})${FRACTION} (\\d{4})(?!\\d)`, 'y'),
    read: (m) => wrap(utc(n(m[7]), MONTHS[m[1]!.toLowerCase()]!, n(m[2]), n(m[3]), n(m[4]), n(m[5]), m[6])),
  },
  {
    // syslog: Jun 14 15:16:01 (year from the reference)
    re: new RegExp(`${MON} +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?: (\\d{4})(?!\\d))?(?![\\d:])`, 'y'),
    read: (m, year) => wrap(utc(m[7] ? n(m[7]) : year, MONTHS[m[1]!.toLowerCase()]!, n(m[2]), n(m[3]), n(m[4]), n(m[5]), m[6])),
    syslog: true,
  },
  {
    // Access logs: 10/Oct/2000:13:55:36 -0700
    re: new RegExp(`(\\d{2})/${MON}/(\\d{4}):(\\d{2}):(\\d{2}):(\\d{2})(?: ([+-]\\d{4}))?`, 'y'),
    read(m) {
      const t = utc(n(m[3]), MONTHS[m[2]!.toLowerCase()]!, n(m[1]), n(m[4]), n(m[5]), n(m[6]));
      if (t === null) return null;
      const offset = zoneOffsetMs(m[7]);
      return offset === null ? [t, 'local'] : [t - offset, 'zoned'];
    },
  },
  {
    // 17/06/09 20:10:40 (yy/MM/dd, as Spark and Hadoop write it) or 12/25/2023 10:00:00
    re: new RegExp(`(\\d{2})/(\\d{2})/(\\d{2}|\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?!\\d)`, 'y'),
    read(m) {
      const [a, b, c] = [n(m[1]), n(m[2]), m[3]!];
      // Four-digit last field or a middle field over 12 means month/day/year.
      if (c.length === 4 || b > 12) return wrap(utc(c.length === 4 ? n(c) : 2000 + n(c), a - 1, b, n(m[4]), n(m[5]), n(m[6]), m[7]));
      return wrap(utc(2000 + a, b - 1, n(c), n(m[4]), n(m[5]), n(m[6]), m[7]));
    },
  },
  {
    // HealthApp-style compact: 20171223-22:15:29:606 (fields not zero-padded)
    re: /(\d{4})(\d{2})(\d{2})-(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[:.](\d{1,3}))?(?!\d)/y,
    read: (m) => wrap(utc(n(m[1]), n(m[2]) - 1, n(m[3]), n(m[4]), n(m[5]), n(m[6]), m[7]?.padStart(3, '0'))),
  },
  {
    // HDFS-style compact: 081109 203615 (yyMMdd HHmmss)
    re: /(\d{2})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})(?!\d)/y,
    read: (m) => wrap(utc(2000 + n(m[1]), n(m[2]) - 1, n(m[3]), n(m[4]), n(m[5]), n(m[6]))),
  },
  {
    // Proxifier-style: 10.30 16:49:06 (MM.dd, year from the reference)
    re: /(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2})(?!\d)/y,
    read: (m, year) => wrap(utc(year, n(m[1]) - 1, n(m[2]), n(m[3]), n(m[4]), n(m[5]))),
  },
  {
    // Android logcat: 01-15 10:23:45.123
    re: /(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})(?!\d)/y,
    read: (m, year) => wrap(utc(year, n(m[1]) - 1, n(m[2]), n(m[3]), n(m[4]), n(m[5]), m[6])),
  },
  {
    // Unix epoch seconds (2000–2040) or milliseconds.
    re: /(\d{10}|\d{13})(?:\.(\d{1,9}))?(?![\d.])/y,
    read(m) {
      const digits = m[1]!;
      const ms = digits.length === 13 ? Number(digits) : Number(digits) * 1000 + (m[2] ? Math.round(Number(`0.${m[2]}`) * 1000) : 0);
      return ms >= 946_684_800_000 && ms <= 2_208_988_800_000 ? [ms, 'zoned'] : null;
    },
  },
  {
    // Time of day only: 10:23:45.123 (logback's default pattern)
    re: new RegExp(`(\\d{2}):(\\d{2}):(\\d{2})${FRACTION}(?![\\d:])`, 'y'),
    read(m) {
      const t = utc(1970, 0, 1, n(m[1]), n(m[2]), n(m[3]), m[4]);
      return t === null ? null : [t, 'time-only'];
    },
  },
];

function wrap(t: number | null): [number, TimestampKind] | null {
  return t === null ? null : [t, 'local'];
}

/** True when `line[at]` cannot continue a timestamp (so a cached prefix is the whole stamp). */
function endsToken(line: string, at: number): boolean {
  const c = line.charCodeAt(at);
  return !(isDigitOrLetter(c) || c === 46 || c === 44 || c === 58);
}

function isDigitOrLetter(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Matches a timestamp starting at `pos` (optionally inside `[...]`). `hint` is the index of
 * the format that matched the previous line: logs rarely change format, so trying it first
 * keeps the common case to one regex.
 */
export class TimestampReader {
  private hint = 0;
  /** The last timestamp text read and its value: busy logs repeat the same second many times. */
  private lastText = '';
  private last: TimestampMatch | null = null;
  private lastPos = -1;

  constructor(private readonly referenceYear: number) {}

  readAt(line: string, pos: number): TimestampMatch | null {
    const last = this.last;
    if (last !== null && pos === this.lastPos && line.startsWith(this.lastText, pos) && endsToken(line, pos + this.lastText.length)) {
      return { end: last.end, ms: last.ms, kind: last.kind, syslog: last.syslog };
    }
    const found = this.read(line, pos);
    if (found) {
      this.last = found;
      this.lastPos = pos;
      this.lastText = line.slice(pos, found.end);
    }
    return found;
  }

  private read(line: string, pos: number): TimestampMatch | null {
    const c = line.charCodeAt(pos);
    const bracketed = c === 91; /* [ */
    const start = bracketed ? pos + 1 : pos;
    if (!isDigitOrLetter(line.charCodeAt(start))) return null;
    const found = this.tryFormat(this.hint, line, start) ?? this.tryAll(line, start);
    if (!found) return null;
    if (bracketed) {
      if (line.charCodeAt(found.end) !== 93 /* ] */) return null;
      found.end++;
    }
    return found;
  }

  private tryAll(line: string, start: number): TimestampMatch | null {
    for (let i = 0; i < FORMATS.length; i++) {
      if (i === this.hint) continue;
      const found = this.tryFormat(i, line, start);
      if (found) {
        this.hint = i;
        return found;
      }
    }
    return null;
  }

  private tryFormat(index: number, line: string, start: number): TimestampMatch | null {
    const format = FORMATS[index]!;
    format.re.lastIndex = start;
    const m = format.re.exec(line);
    if (!m) return null;
    const read = format.read(m, this.referenceYear);
    if (!read) return null;
    return { end: format.re.lastIndex, ms: read[0], kind: read[1], syslog: format.syslog === true };
  }
}

/** ISO 8601 for a parsed time: with `Z` only when the log said which zone it was in. */
export function formatTimestamp(ms: number, kind: TimestampKind): string {
  let iso = new Date(ms).toISOString();
  // Whole seconds read better without ".000".
  if (ms % 1000 === 0) iso = `${iso.slice(0, 19)}Z`;
  const bare = iso.slice(0, -1);
  if (kind === 'zoned') return iso;
  if (kind === 'time-only') return bare.slice(11);
  return bare;
}
