/**
 * Turns a log message into tokens with the obvious variables masked: numbers, IPs and ports,
 * hex and UUIDs, paths and URLs, e-mails, and quantities with their unit ("1.16 KB",
 * "<1 sec"). Masking is what lets lines from one logging statement share a signature; what
 * is left variable (user names, host names) is settled later by template consolidation.
 */
export const WILDCARD = '<*>';

const URL = /^([A-Za-z][\w+.-]*):\/\/\S+/;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
/** Units that belong to the number before them: "took 26 ms", "1.16 KB", "<1 sec". */
const UNITS = new Set([
  'ms', 'us', 'µs', 'ns', 's', 'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours',
  'day', 'days', 'b', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'tib', 'byte', 'bytes', 'bps', 'kbps', 'mbps', 'gbps', '%',
]);

function isUnit(token: string): boolean {
  const core = token.replace(/[),.;:]+$/, '');
  return core.length > 0 && core.length <= 7 && UNITS.has(core.toLowerCase());
}

function isPath(token: string): boolean {
  const first = token.charCodeAt(0);
  if (first === 47 /* / */ || first === 126 /* ~ */) return token.indexOf('/', 1) > 0;
  return first === 46 /* . */ && (token.startsWith('./') || token.startsWith('../'));
}

/** Top-level domains common in logs; a dotted name ending in one is a host, not code. */
const TLDS = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'io', 'co', 'us', 'uk', 'de', 'fr', 'jp', 'cn', 'hk', 'br', 'ru', 'in', 'au',
  'ca', 'nl', 'it', 'es', 'se', 'ch', 'kr', 'tw', 'pl', 'info', 'biz', 'me', 'tv', 'cc', 'ai', 'dev', 'app', 'cloud',
  'local', 'internal', 'lan', 'localdomain', 'intra', 'corp', 'home', 'arpa',
]);
/** Two-letter endings that are file extensions, not country domains. */
const FILE_EXTENSIONS = new Set(['js', 'ts', 'py', 'rs', 'go', 'cc', 'md', 'sh', 'pl', 'rb', 'db', 'so', 'gz', 'xz', 'ko', 'mo', 'po', 'cs', 'hs', 'vb', 'el', 'ml', 'kt', 'jl', 'ps', 'fs', 'gs', 'vm']);
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,12})\.?(?::\d+)?$/;

/** `db-1.prod.example.com`, `www.google.com:443`, `x.adsl.proxad.net.om`: host names are values. */
function isHostName(token: string): boolean {
  if (token.indexOf('.') < 0) return false;
  const m = HOST.exec(token);
  if (!m) return false;
  const tld = m[1]!.toLowerCase();
  return TLDS.has(tld) || (tld.length === 2 && !FILE_EXTENSIONS.has(tld) && token.split('.').length > 2);
}

/** `rhost=db1.example.com`, `file=/var/log/x`: the value after `key=` is masked like a token. */
const KEY_VALUE = /^([A-Za-z_][\w.-]*=)(.+)$/;

/** Character classes seen in a token, gathered in the same pass that finds its end. */
const DIGIT = 1;
const SLASH = 2;
const AT = 4;
const DOT = 8;
const EQUALS = 16;
const WRAPPER = 32;
const COLON = 64;

function flagsOf(token: string): number {
  let flags = 0;
  for (let i = 0; i < token.length; i++) flags |= charFlag(token.charCodeAt(i));
  return flags | wrapperFlag(token.charCodeAt(0));
}

function charFlag(c: number): number {
  if (c >= 48 && c <= 57) return DIGIT;
  if (c === 47) return SLASH;
  if (c === 46) return DOT;
  if (c === 58) return COLON;
  if (c === 61) return EQUALS;
  if (c === 64) return AT;
  return 0;
}

/** ' " ` ( [ { at the start: the token may be a quoted value. */
function wrapperFlag(first: number): number {
  return first === 39 || first === 34 || first === 96 || first === 40 || first === 91 || first === 123 ? WRAPPER : 0;
}

/** Quotes and brackets around a token: `'/udev/vcs2'` is a quoted path. */
const WRAPPING = /^(['"`(<{[]*)(.*?)(['"`)>}\],;:.]*)$/s;
const ONLY_WRAPPERS = /^[()[\]{}'"]+$/;

/** Masks one whitespace-free token. */
export function maskToken(token: string, flags = flagsOf(token)): string {
  // Most tokens are plain words: nothing to look at.
  if ((flags & (DIGIT | SLASH | AT | DOT | EQUALS | WRAPPER)) === 0) return token;
  if (flags & WRAPPER) {
    if (ONLY_WRAPPERS.test(token)) return WILDCARD; // "()", "''": an empty value where another line has one
    const wrapped = WRAPPING.exec(token);
    if (wrapped && wrapped[1] && wrapped[2] && (isPath(wrapped[2]) || isHostName(wrapped[2]))) return WILDCARD;
  }
  if (flags & SLASH) {
    if (isPath(token)) return WILDCARD;
    if (flags & COLON && token.includes('://')) {
      const url = URL.exec(token);
      if (url) return `${url[1]}://${WILDCARD}`;
    }
  }
  if (flags & DOT && isHostName(token)) return WILDCARD;
  if (flags & EQUALS) {
    const kv = KEY_VALUE.exec(token);
    if (kv && (isPath(kv[2]!) || isHostName(kv[2]!) || kv[2]!.includes('://'))) return `${kv[1]}${WILDCARD}`;
  }
  if (flags & AT && EMAIL.test(token)) return WILDCARD;
  if ((flags & DIGIT) === 0) return token;
  return maskNumbers(token);
}

/**
 * Replaces numbers in a token with `<*>`: decimal numbers with their separators
 * (`10.0.0.1:8080`, `00:19`, `1##2##3`, `-107`), hex ids of 8+ characters, `0x…`, UUIDs.
 * A number glued to letters before it is part of a name (`jk2`, `SOCKS5`) and stays.
 * A hand-written scan: it runs on every token with a digit, and beats a regex here 3×.
 */
export function maskNumbers(token: string): string {
  const n = token.length;
  let out = '';
  let last = 0;
  let letterKept = false;
  let i = 0;
  while (i < n) {
    if (i > 0 && isAlnum(token.charCodeAt(i - 1))) {
      i++;
      continue;
    }
    const end = numberEnd(token, i);
    if (end < 0) {
      i++;
      continue;
    }
    if (!letterKept) letterKept = hasLetter(token, last, i);
    out += token.slice(last, i) + WILDCARD;
    last = i = end;
  }
  if (last === 0) return token;
  if (!letterKept) letterKept = hasLetter(token, last, n);
  // Nothing but variables and punctuation left ("(<*>)", "<<*>", "<*>,"): one plain variable.
  return letterKept ? out + token.slice(last) : WILDCARD;
}

/** End of the number starting at `i`, or -1. */
function numberEnd(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 48 && (t.charCodeAt(i + 1) | 32) === 120) {
    // 0x…
    let j = i + 2;
    while (j < t.length && isHex(t.charCodeAt(j))) j++;
    if (j > i + 2) return j;
  }
  const uuid = uuidEnd(t, i);
  if (uuid > 0) return uuid;
  const from = c === 45 || c === 43 ? i + 1 : i; // a sign
  let end = pieceEnd(t, from);
  if (end < 0) return -1;
  for (;;) {
    let k = end;
    while (k < t.length && isSeparator(t.charCodeAt(k))) k++;
    if (k === end) break;
    const next = pieceEnd(t, k);
    if (next < 0) break;
    end = next;
  }
  return end;
}

/** A hex run of 8+ with a digit that ends the word, else a decimal run; -1 if neither. */
function pieceEnd(t: string, i: number): number {
  let j = i;
  let digit = false;
  while (j < t.length) {
    const c = t.charCodeAt(j);
    if (c >= 48 && c <= 57) digit = true;
    else if (!isHex(c)) break;
    j++;
  }
  if (digit && j - i >= 8 && !isAlnum(t.charCodeAt(j))) return j;
  j = i;
  while (j < t.length && isDigitCode(t.charCodeAt(j))) j++;
  return j > i ? j : -1;
}

function uuidEnd(t: string, i: number): number {
  if (t.length - i < 36) return -1;
  for (let k = 0; k < 36; k++) {
    const c = t.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return -1;
    } else if (!isHex(c)) return -1;
  }
  return i + 36;
}

/** `.,:/#_-` join the parts of one value: `10.0.0.1:80`, `2005-06-03`, `1##2`. */
function isSeparator(c: number): boolean {
  return c === 46 || c === 44 || c === 58 || c === 47 || c === 35 || c === 95 || c === 45;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function hasLetter(t: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = t.charCodeAt(k);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  }
  return false;
}

/** Splits on whitespace and masks; quantities and repeated variables collapse to one `<*>`. */
export function maskMessage(message: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = message.length;
  let sawCalendarCandidate = false;
  while (i < n) {
    while (i < n && isSpace(message.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let flags = wrapperFlag(message.charCodeAt(i));
    while (i < n) {
      const c = message.charCodeAt(i);
      if (isSpace(c)) break;
      flags |= charFlag(c);
      i++;
    }
    const raw = message.slice(start, i);
    const token = maskToken(raw, flags);
    const previous = out[out.length - 1];
    if (previous === WILDCARD) {
      // "26 ms", and "(1.16 KB)" once its "(1.16" became <*>: the unit belongs to the number.
      if (token === WILDCARD || isUnit(token)) continue;
    } else if (previous === token && (flags & DIGIT) !== 0 && token.includes(WILDCARD)) {
      // Lists of ids ("blk_1 blk_2 blk_3") vary in length but are one variable.
      continue;
    }
    if (!sawCalendarCandidate && i - start >= 3 && i - start <= 10 && isCalendarInitial(message.charCodeAt(start))) {
      sawCalendarCandidate = isCalendar(raw);
    }
    out.push(token);
  }
  if (sawCalendarCandidate) maskDates(out);
  return out;
}

/** Capital first letters of month and weekday names (J F M A S O N D T W): dates are written capitalised. */
function isCalendarInitial(c: number): boolean {
  return c === 74 || c === 70 || c === 77 || c === 65 || c === 83 || c === 79 || c === 78 || c === 68 || c === 84 || c === 87;
}

const CALENDAR_WORDS = new Set([
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

function isCalendar(token: string | undefined): boolean {
  if (token === undefined || token.length < 3 || token.length > 10) return false;
  return CALENDAR_WORDS.has(token.replace(/[,.]$/, '').toLowerCase());
}

/**
 * Dates inside messages ("at Fri Jun 17 07:07:00 2005"): a month or weekday name next to a
 * number or another calendar word is part of a date, so it is masked with it.
 */
function maskDates(tokens: string[]): void {
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    if (!isCalendar(tokens[i])) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev === WILDCARD || next === WILDCARD || isCalendar(prev) || isCalendar(next)) {
      tokens[i] = WILDCARD;
      changed = true;
    }
  }
  if (!changed) return;
  let w = 0;
  for (let r = 0; r < tokens.length; r++) {
    if (w > 0 && tokens[r] === WILDCARD && tokens[w - 1] === WILDCARD) continue;
    tokens[w++] = tokens[r]!;
  }
  tokens.length = w;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}
