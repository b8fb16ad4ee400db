import { KLOG_LEVELS, levelFromBareToken, levelFromWord, type LogLevel } from './levels';
import { TimestampReader, type TimestampMatch } from './timestamps';

/**
 * Splits a raw log line into its header fields (time, level, component) and the message,
 * without being told the format. It recognises the shapes real logs take — syslog, ISO and
 * compact timestamps, log4j/logback/Python/Spring patterns, bracketed levels, `|`-separated
 * headers, klog, JSON lines and logfmt — and falls back to "the whole line is the message".
 */
export interface ParsedLine {
  message: string;
  level?: LogLevel | undefined;
  component?: string | undefined;
  timestamp?: TimestampMatch | undefined;
}

/** How far into a line a level may appear and still be a header field (BGL puts it 9th). */
const MAX_HEADER_TOKENS = 10;
/** Pipe-separated headers (`ts|component|pid|message`) have at most this many fields after the time. */
const MAX_PIPE_FIELDS = 2;

const KLOG = /([IWEF])(\d{4}) (\d{2}):(\d{2}):(\d{2})\.(\d{1,9})\s+\d+ ([^\s\]]+)\] /y;
/** `sshd[24200]:`, `kernel:`, `sshd(pam_unix)[19939]:` */
const SYSLOG_TAG = /^[A-Za-z_][\w.\-/()@]*(\[\d+\])?:$/;
const HOSTNAME = /^[A-Za-z0-9][\w.-]*$/;
/** A logger or class name: contains a separator typical of code identifiers. */
const IDENTIFIER = /^[A-Za-z_$][\w.$\-/\\]*$/;
const CODE_SEPARATOR = /[.$_/\\]/;
/** A program name before ` - ` may start with a digit (`360AP.exe`). */
const PROGRAM = /^[\w$][\w.$\-/\\]*$/;
/** `Remoting:` right after a level: a capitalised logger name without a package. */
const SIMPLE_LOGGER = /^[A-Z][A-Za-z]{2,}$/;
const PID_TID = /^\d+#\d+:$/;

export class HeaderParser {
  private readonly timestamps: TimestampReader;

  /** `referenceYear` completes dates written without a year (syslog, klog, Proxifier). */
  constructor(private readonly referenceYear = new Date().getUTCFullYear()) {
    this.timestamps = new TimestampReader(referenceYear);
  }

  parse(line: string): ParsedLine {
    let p = skipSpaces(line, 0);
    const first = line.charCodeAt(p);
    if (first === 123 /* { */) {
      const json = this.parseJson(line);
      if (json) return json;
    }
    if (first >= 69 && first <= 87) {
      const klog = this.parseKlog(line, p);
      if (klog) return klog;
    }
    if (line.includes('level=') || line.includes('lvl=')) {
      const logfmt = this.parseLogfmt(line);
      if (logfmt) return logfmt;
    }

    let timestamp = this.timestamps.readAt(line, p) ?? undefined;
    if (timestamp) p = skipSpaces(line, timestamp.end);

    if (timestamp && line.charCodeAt(p) === 124 /* | */) return this.parsePipeFields(line, p + 1, timestamp);

    // Scan the first tokens for a level; everything before it must look like header fields.
    let level: LogLevel | undefined;
    let componentStart = -1;
    let componentEnd = -1;
    let scan = p;
    for (let i = 0; i < MAX_HEADER_TOKENS; i++) {
      const start = skipSpaces(line, scan);
      if (start >= line.length) break;
      const c = line.charCodeAt(start);
      if (!timestamp && c >= 48 && c <= 57) {
        // BGL and others put the time after a few fields.
        const ts = this.timestamps.readAt(line, start);
        if (ts && ts.end - start > 6) {
          timestamp = ts;
          scan = ts.end;
          continue;
        }
      }
      const end = tokenEnd(line, start);
      const found = levelAt(line, start, end);
      if (found) {
        level = found;
        p = skipSpaces(line, end);
        break;
      }
      const kind = headerFieldKind(line, start, end, i);
      if (kind === NOT_HEADER) break;
      if (kind === CODE_NAME) {
        componentStart = start;
        componentEnd = end;
      }
      scan = end;
    }
    let component = componentStart >= 0 ? line.slice(componentStart, componentEnd) : undefined;

    if (level) {
      const after = this.stripAfterLevel(line, p);
      p = after.pos;
      component = after.component ?? component;
    } else if (timestamp) {
      const after = this.stripAfterTimestamp(line, p, timestamp.syslog);
      p = after.pos;
      component = after.component;
    }
    // One object per line, fields possibly undefined: this runs for every line of the file.
    return { message: trimEnd(line, p), level, component, timestamp };
  }

  /** `ts|Component|1234|message`: up to two short, space-free fields before the message. */
  private parsePipeFields(line: string, p: number, timestamp: TimestampMatch): ParsedLine {
    let component: string | undefined;
    let level: LogLevel | undefined;
    for (let i = 0; i < MAX_PIPE_FIELDS; i++) {
      const bar = line.indexOf('|', p);
      if (bar < 0) break;
      const field = line.slice(p, bar).trim();
      if (field.length > 64 || /\s/.test(field)) break;
      const asLevel = levelFromWord(field);
      if (asLevel) level = asLevel;
      else if (!component && !/^\d+$/.test(field)) component = field;
      p = bar + 1;
    }
    return { message: trimEnd(line, skipSpaces(line, p)), timestamp, ...(level ? { level } : {}), ...(component ? { component } : {}) };
  }

  /** After a level: `[thread]`, `12345 ---`, `com.foo.Bar -`, `dfs.DataNode:` belong to the header. */
  private stripAfterLevel(line: string, p: number): { pos: number; component?: string } {
    for (let step = 0; step < 5; step++) {
      const start = skipSpaces(line, p);
      const end = tokenEnd(line, start);
      if (start >= line.length) break;
      const token = line.slice(start, end);
      const next = nextToken(line, end);
      if (token === '-' || token === '---' || token === ':' || token === '|') {
        p = end;
        continue;
      }
      if (/^\d+$/.test(token) && next === '---') {
        p = end;
        continue;
      }
      if (PID_TID.test(token)) {
        p = end;
        continue;
      }
      if (isBracketedWord(token) && step < 3 && !levelOf(token)) {
        p = end;
        continue;
      }
      if (token.endsWith(':') && (isLoggerName(token.slice(0, -1)) || (step === 0 && SIMPLE_LOGGER.test(token.slice(0, -1))))) {
        return { pos: skipSpaces(line, end), component: token.slice(0, -1) };
      }
      if ((next === '-' || next === ':') && isLoggerName(token)) {
        const sepEnd = tokenEnd(line, skipSpaces(line, end));
        return { pos: skipSpaces(line, sepEnd), component: token };
      }
      break;
    }
    return { pos: skipSpaces(line, p) };
  }

  /** No level: syslog `host tag[pid]:`, or `program.exe - ` as Proxifier and Python write it. */
  private stripAfterTimestamp(line: string, p: number, syslog: boolean): { pos: number; component?: string } {
    const t1End = tokenEnd(line, p);
    const t1 = line.slice(p, t1End);
    const t2Start = skipSpaces(line, t1End);
    const t2End = tokenEnd(line, t2Start);
    const t2 = line.slice(t2Start, t2End);
    if (HOSTNAME.test(t1) && SYSLOG_TAG.test(t2) && (syslog || t2.includes('['))) {
      return { pos: skipSpaces(line, t2End), component: t2.replace(/(\[\d+\])?:$/, '') };
    }
    if (SYSLOG_TAG.test(t1) && t1.includes('[')) {
      return { pos: t2Start, component: t1.replace(/(\[\d+\])?:$/, '') };
    }
    if (syslog && HOSTNAME.test(t1)) return { pos: t2Start };
    if (PROGRAM.test(t1) && CODE_SEPARATOR.test(t1)) {
      // Up to two qualifiers that do not start with a letter (`chrome.exe *64 - …`).
      let q = t2Start;
      for (let i = 0; i < 3; i++) {
        const end = tokenEnd(line, q);
        const token = line.slice(q, end);
        if (token === '-') return { pos: skipSpaces(line, end), component: t1 };
        if (!token || /^[A-Za-z]/.test(token)) break;
        q = skipSpaces(line, end);
      }
    }
    if (isBracketedWord(t1) && t2.endsWith(':') && isLoggerName(t2.slice(0, -1))) {
      return { pos: skipSpaces(line, t2End), component: t2.slice(0, -1) };
    }
    return { pos: p };
  }

  private parseKlog(line: string, p: number): ParsedLine | null {
    KLOG.lastIndex = p;
    const m = KLOG.exec(line);
    if (!m) return null;
    const ts = this.timestamps.readAt(`${m[3]}:${m[4]}:${m[5]}.${m[6]}`, 0);
    const month = Number(m[2]!.slice(0, 2));
    const day = Number(m[2]!.slice(2));
    const timestamp = ts
      ? { ...ts, ms: ts.ms + Date.UTC(this.referenceYear, month - 1, day), kind: 'local' as const, end: KLOG.lastIndex }
      : undefined;
    return {
      message: trimEnd(line, KLOG.lastIndex),
      level: KLOG_LEVELS[m[1]!]!,
      component: m[7]!,
      ...(timestamp ? { timestamp } : {}),
    };
  }

  private parseJson(line: string): ParsedLine | null {
    const end = line.trimEnd();
    if (!end.endsWith('}')) return null;
    let record: unknown;
    try {
      record = JSON.parse(end);
    } catch {
      return null;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) return null;
    const r = record as Record<string, unknown>;
    const text = pick(r, ['message', 'msg', 'log', '@message', 'event', 'text', 'error']);
    if (typeof text !== 'string') return null;
    const levelValue = pick(r, ['level', 'severity', 'lvl', 'levelname', 'log.level', 'loglevel']);
    const level = typeof levelValue === 'string' ? levelFromWord(levelValue) : undefined;
    const timeValue = pick(r, ['timestamp', '@timestamp', 'time', 'ts', 'datetime', 'date']);
    let timestamp: TimestampMatch | undefined;
    if (typeof timeValue === 'string') timestamp = this.timestamps.readAt(timeValue, 0) ?? undefined;
    else if (typeof timeValue === 'number') {
      const ms = timeValue > 1e12 ? timeValue : timeValue * 1000;
      timestamp = { end: 0, ms, kind: 'zoned', syslog: false };
    }
    const componentValue = pick(r, ['logger', 'logger_name', 'component', 'name', 'module', 'service']);
    return {
      message: text.replace(/\s+$/, ''),
      ...(level ? { level } : {}),
      ...(typeof componentValue === 'string' ? { component: componentValue } : {}),
      ...(timestamp ? { timestamp } : {}),
    };
  }

  /** `ts=… level=error msg="…" key=value`: the message is `msg` followed by the other fields. */
  private parseLogfmt(line: string): ParsedLine | null {
    const pairs = [...line.matchAll(/([\w.@-]+)=("(?:[^"\\]|\\.)*"|\S*)/g)];
    if (pairs.length < 2) return null;
    let message: string | undefined;
    let level: LogLevel | undefined;
    let timestamp: TimestampMatch | undefined;
    let component: string | undefined;
    const rest: string[] = [];
    for (const [, key, raw] of pairs) {
      const value = raw!.startsWith('"') ? raw!.slice(1, -1).replace(/\\(.)/g, '$1') : raw!;
      if (key === 'msg' || key === 'message') message = value;
      else if (key === 'level' || key === 'lvl') level = levelFromWord(value);
      else if (key === 'ts' || key === 'time' || key === 'timestamp') timestamp = this.timestamps.readAt(value, 0) ?? undefined;
      else if (key === 'logger' || key === 'component' || key === 'caller') component = value;
      else rest.push(`${key}=${raw}`);
    }
    if (message === undefined) return null;
    return {
      message: [message, ...rest].join(' '),
      ...(level ? { level } : {}),
      ...(component ? { component } : {}),
      ...(timestamp ? { timestamp } : {}),
    };
  }
}

function pick(record: Record<string, unknown>, keys: string[]): unknown {
  for (const key of keys) if (record[key] !== undefined) return record[key];
  return undefined;
}

function levelOf(token: string): LogLevel | undefined {
  return levelAt(token, 0, token.length);
}

/** The level written in `line[start, end)`, if that token is one (`ERROR`, `[warn]`, `<info>`, `INFO:`). */
function levelAt(line: string, start: number, end: number): LogLevel | undefined {
  const length = end - start;
  if (length < 3 || length > 13) return undefined;
  const open = line.charCodeAt(start);
  if (open === 91 /* [ */ || open === 60 /* < */ || open === 40 /* ( */) {
    const close = line.charCodeAt(end - 1);
    if (close !== 93 && close !== 62 && close !== 41) return undefined;
    return levelFromWord(line.slice(start + 1, end - 1));
  }
  // A bare level is written in capitals: `error` at the start of a message is prose.
  if (open < 65 || open > 90) return undefined;
  const second = line.charCodeAt(start + 1);
  if (second < 65 || second > 90) return undefined;
  const last = line.charCodeAt(end - 1);
  return levelFromBareToken(line.slice(start, last === 58 /* : */ || last === 44 /* , */ ? end - 1 : end));
}

const NOT_HEADER = 0;
const HEADER_FIELD = 1;
/** A header field that names code (`myapp.db`): remembered as the component. */
const CODE_NAME = 2;

/**
 * Tokens that may sit in a header before the level: times, numbers, `-`, `[thread]`, upper-case
 * codes (`RAS`, `R02-M1-N0`), code identifiers (`myapp.db`). A plain word is accepted only
 * as the first field (a host name); two plain words mean prose has started.
 */
function headerFieldKind(line: string, start: number, end: number, index: number): number {
  let lower = false;
  let letter = false;
  let digit = false;
  let separator = false;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = letter = true;
    else if (c >= 65 && c <= 90) letter = true;
    else if (c >= 48 && c <= 57) digit = true;
    else if (c === 46 || c === 36 || c === 95 || c === 47 || c === 92) separator = true;
  }
  if (!letter) return HEADER_FIELD; // times, numbers, `-`, `|`
  if (!lower) return separator && isCodeName(line.slice(start, end)) ? CODE_NAME : HEADER_FIELD; // RAS, KERNEL, R02-M1-N0
  const first = line.charCodeAt(start);
  if (first === 91 && line.charCodeAt(end - 1) === 93) return HEADER_FIELD; // [thread]
  if (separator || digit) {
    const token = line.slice(start, end);
    if (IDENTIFIER.test(token)) return separator ? CODE_NAME : HEADER_FIELD;
    if (digit && /^[A-Za-z_][\w()-]*\[\d+\]:?$/.test(token)) return HEADER_FIELD;
  }
  return index === 0 && HOSTNAME.test(line.slice(start, end)) ? HEADER_FIELD : NOT_HEADER;
}

function isCodeName(token: string): boolean {
  return IDENTIFIER.test(token) && CODE_SEPARATOR.test(token);
}

function isBracketedWord(token: string): boolean {
  return token.length > 2 && token.charCodeAt(0) === 91 && token.charCodeAt(token.length - 1) === 93;
}

/** `com.foo.Bar`, `c.e.App`, `dfs.DataNode$PacketResponder`, `executor.Executor`, `main.go`. */
function isLoggerName(token: string): boolean {
  return IDENTIFIER.test(token) && CODE_SEPARATOR.test(token) && /[A-Za-z]{2}/.test(token);
}

function skipSpaces(line: string, p: number): number {
  while (p < line.length) {
    const c = line.charCodeAt(p);
    if (c !== 32 && c !== 9) break;
    p++;
  }
  return p;
}

function tokenEnd(line: string, p: number): number {
  while (p < line.length) {
    const c = line.charCodeAt(p);
    if (c === 32 || c === 9) break;
    p++;
  }
  return p;
}

function nextToken(line: string, p: number): string {
  const start = skipSpaces(line, p);
  return line.slice(start, tokenEnd(line, start));
}

function trimEnd(line: string, p: number): string {
  let end = line.length;
  while (end > p) {
    const c = line.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 13) break;
    end--;
  }
  return p === 0 && end === line.length ? line : line.slice(p, end);
}
