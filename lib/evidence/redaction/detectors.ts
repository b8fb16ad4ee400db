import type { SecretType } from './secret-types';

/**
 * Secret detectors. Each reports candidate spans; `find-secrets.ts` resolves overlaps by the
 * order of this list (most specific first), so `api_key=sk-proj-…` is an OpenAI key, not a
 * generic config secret. Patterns follow the formats the vendors document; context rules
 * (key names, line starts) keep look-alikes — hashes, ids, prose about passwords — alone.
 */
export interface Candidate {
  type: SecretType;
  start: number;
  end: number;
  /** Lower wins when candidates overlap. */
  priority: number;
}

export interface DetectorOptions {
  ipAddresses: boolean;
  hostnames: boolean;
}

type Emit = (type: SecretType, start: number, end: number) => void;

interface Detector {
  /** Cheap test: skip the detector when the text cannot contain its secret. */
  hint?: RegExp;
  optional?: keyof DetectorOptions;
  detect(text: string, emit: Emit): void;
}

/** Runs `re` (flags `gd`) and emits `group`'s span for each match that passes `accept`. */
function byPattern(type: SecretType, re: RegExp, group = 0, accept?: (value: string, m: RegExpExecArray, text: string) => boolean): Detector['detect'] {
  return (text, emit) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++; // never loop on an empty match
      const span = m.indices?.[group];
      const value = m[group];
      if (!span || value === undefined || value === '') continue;
      if (accept && !accept(value, m, text)) continue;
      emit(type, span[0], span[1]);
    }
  };
}

/** Values that stand for a secret without being one: `${DB_PASS}`, `<password>`, `****`, our own placeholders. */
const PLACEHOLDER_VALUE =
  /^(?:\$\{[^}]*\}|\$\(?[A-Za-z_][A-Za-z0-9_]*\)?|\{\{[^}]*\}\}|%\([^)]*\)s|%[sd]|<[^>]*>|\[[^\]]*\]|\*+|[xX•.…_-]{3,}|null|nil|none|undefined|true|false|yes|no|on|off|redacted|masked|hidden|secret|password|your[-_ ]?\w*|changeit|example|dummy|placeholder|\[REDACTED:[a-z-]+:[a-z]+\])$/i;

export function isPlaceholderValue(value: string): boolean {
  return PLACEHOLDER_VALUE.test(value.trim());
}

function hasDigitAndLetter(value: string): boolean {
  return /\d/.test(value) && /[A-Za-z]/.test(value);
}

function looksRandom(value: string): boolean {
  return /\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value);
}

function decodeBase64(value: string): string | null {
  try {
    const normal = value.replace(/-/g, '+').replace(/_/g, '/');
    return atob(normal + '='.repeat((4 - (normal.length % 4)) % 4));
  } catch {
    return null;
  }
}

/** A JWT's first part decodes to a JSON header naming its algorithm or type. */
function isJwt(value: string): boolean {
  const header = decodeBase64(value.slice(0, value.indexOf('.')));
  if (!header) return false;
  try {
    const parsed = JSON.parse(header) as Record<string, unknown>;
    return typeof parsed === 'object' && parsed !== null && ('alg' in parsed || 'typ' in parsed);
  } catch {
    return false;
  }
}

// ---- Key/value secrets in configs, env files, JSON, query strings, logs ---------------------

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'passcode']);
const SECRET_WORDS = new Set(['secret', 'token', 'apikey', 'credential', 'credentials', 'pat', 'sas']);
/** `key` is a secret when one of these comes before it: `api_key`, `secretKey`, `private-key`. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'auth', 'signing', 'encryption', 'master', 'client', 'account', 'shared', 'service', 'subscription', 'session', 'app', 'license', 'webhook', 'storage']);

/** Splits `DB_PASSWORD`, `keyPassword`, `spring.datasource.password`, `x-api-key` into lower-case words. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s._\-:]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** 'password' | 'secret' when the key names one, else null (`password_min_length` names a length). */
export function secretKeyKind(key: string): 'password' | 'secret' | null {
  const words = keyWords(key);
  const last = words.at(-1);
  if (!last) return null;
  // PGPASSWORD, MYSQLPWD: the word is glued to a prefix.
  if (PASSWORD_WORDS.has(last) || /(?:password|passwd)$/.test(last)) return 'password';
  if (SECRET_WORDS.has(last)) return 'secret';
  if (last === 'key' && words.length > 1 && KEY_QUALIFIERS.has(words.at(-2)!)) return 'secret';
  return null;
}

const CONNECTION_CONTEXT = /(?:^|[;\s"'?&])(?:server|host|hostname|data source|address|addr|database|initial catalog|dbname|uid|user id|port)\s*=|jdbc:|odbc:|Driver=\{/i;

function lineAround(text: string, index: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  let end = text.indexOf('\n', index);
  if (end < 0) end = text.length;
  return { start, end };
}

/**
 * `key = value`, `key: value`, `"key": "value"`, `KEY=value`, `?token=value`. A key at the start
 * of a line (a config file) owns the rest of the line; inside a sentence or URL it owns one word.
 * An unquoted key followed by `:` counts only at a line start or before a quoted value, so log
 * prose ("password: invalid for user") is not a YAML entry.
 */
const KEY_VALUE = /(?<![A-Za-z0-9_.-])(["']?)([A-Za-z_][A-Za-z0-9_.-]{0,63})\1[ \t]*(:=|=>|=|:)[ \t]*/gd;

function detectKeyValues(text: string, emit: Emit): void {
  KEY_VALUE.lastIndex = 0;
  for (let m = KEY_VALUE.exec(text); m; m = KEY_VALUE.exec(text)) {
    const key = m[2]!;
    const kind = secretKeyKind(key);
    if (!kind) continue;
    const quotedKey = m[1] !== '';
    const separator = m[3]!;
    const line = lineAround(text, m.index);
    const before = text.slice(line.start, m.index);
    const atLineStart = /^\s*(?:-\s+|export\s+|set\s+|\$env:)?$/i.test(before) || /^\s*[{,]\s*$/.test(before);
    const valueQuoted = /["'`]/.test(text[KEY_VALUE.lastIndex] ?? '');
    if (separator === ':' && !quotedKey && !atLineStart && !valueQuoted) continue;
    // `password:` alone on a line opens a YAML block, `url: http://…` is not a key here.
    const valueStart = KEY_VALUE.lastIndex;
    if (valueStart >= line.end) continue;
    const span = valueSpan(text, valueStart, line.end, atLineStart && !quotedKey);
    if (!span) continue;
    const value = text.slice(span[0], span[1]);
    if (value.length < 3 || isPlaceholderValue(value)) continue;
    const type: SecretType =
      kind === 'secret' ? 'config-secret' : CONNECTION_CONTEXT.test(text.slice(line.start, line.end)) ? 'connection-string-password' : 'config-password';
    emit(type, span[0], span[1]);
  }
}

/** The value's span: inside quotes, to the end of a config line, or one word in running text. */
function valueSpan(text: string, start: number, lineEnd: number, wholeLine: boolean): [number, number] | null {
  const quote = text[start];
  if (quote === '"' || quote === "'" || quote === '`') {
    let i = start + 1;
    while (i < lineEnd && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
    return i > start + 1 ? [start + 1, Math.min(i, lineEnd)] : null;
  }
  // `<set to the key 'api-key' in secret 'x'>`, `${VAR:-default}`, `{{ .Values.x }}`: a placeholder, however long.
  const close = quote === '<' ? '>' : quote === '[' ? ']' : text.startsWith('${', start) ? '}' : text.startsWith('{{', start) ? '}}' : '';
  if (close) {
    const at = text.indexOf(close, start);
    if (at > 0 && at < lineEnd) return [start, at + close.length];
  }
  if (wholeLine) {
    let end = lineEnd;
    const comment = text.slice(start, lineEnd).search(/\s+[#;]|\s+\/\//);
    if (comment >= 0) end = start + comment;
    while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
    return end > start ? [start, end] : null;
  }
  let end = start;
  while (end < lineEnd && !/[\s"',;&<>)}\]]/.test(text[end]!)) end++;
  return end > start ? [start, end] : null;
}

/** `--password=…`, `--token …` on command lines. */
const FLAG_VALUE = /(?<![\w-])--([a-z][a-z-]*)(=|[ \t]+)(?!-)([^\s"']+|"[^"\n]*"|'[^'\n]*')/gd;

function detectFlags(text: string, emit: Emit): void {
  FLAG_VALUE.lastIndex = 0;
  for (let m = FLAG_VALUE.exec(text); m; m = FLAG_VALUE.exec(text)) {
    const kind = secretKeyKind(m[1]!);
    if (!kind) continue;
    let [start, end] = m.indices![3]!;
    if (/^["']/.test(m[3]!)) {
      start++;
      end--;
    }
    const value = text.slice(start, end);
    if (value.length < 3 || isPlaceholderValue(value)) continue;
    // "Using --password via the CLI is insecure": after a space, a plain word is prose, not a password.
    if (m[2] !== '=' && !/^["']/.test(m[3]!) && /^[a-z]+$/.test(value)) continue;
    emit(kind === 'password' ? 'config-password' : 'config-secret', start, end);
  }
}

/** `<password>…</password>`, `<sonar.token>…</sonar.token>` in XML configs (Maven settings, Tomcat users). */
const XML_VALUE = /<([A-Za-z_][\w.:-]{0,63})>([^<\s][^<]*)<\/\1>/gd;

function detectXml(text: string, emit: Emit): void {
  XML_VALUE.lastIndex = 0;
  for (let m = XML_VALUE.exec(text); m; m = XML_VALUE.exec(text)) {
    const kind = secretKeyKind(m[1]!);
    if (!kind || isPlaceholderValue(m[2]!)) continue;
    const [start, end] = m.indices![2]!;
    emit(kind === 'password' ? 'config-password' : 'config-secret', start, end);
  }
}

// ---- Optional: addresses -------------------------------------------------------------------

const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]|\.\d)/gd;
const IPV6_CANDIDATE = /(?<![0-9A-Fa-f:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])/gd;

/** "version 1.4.2.9", "v10.0.0.1": a four-part version, not an address. */
const VERSION_BEFORE = /(?:version|ver\.?|release|build|v)[ \t]*$/i;

function isIpv6(value: string): boolean {
  if (value.includes(':::')) return false;
  const doubles = value.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = value.split(':').filter(Boolean);
  if (groups.length > 8 || groups.length === 0) return false;
  // Times (10:23:45) and MACs-without-hex are not addresses: need "::" or 8 groups.
  return doubles === 1 ? groups.length >= 1 && value.length > 3 : groups.length === 8;
}

const TLDS = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'io', 'co', 'us', 'uk', 'de', 'fr', 'jp', 'cn', 'hk', 'br', 'ru', 'in', 'au', 'ca',
  'nl', 'it', 'es', 'se', 'ch', 'kr', 'tw', 'pl', 'eu', 'info', 'biz', 'me', 'tv', 'cc', 'ai', 'dev', 'app', 'cloud', 'local', 'internal',
  'lan', 'localdomain', 'intra', 'corp', 'home', 'arpa', 'svc', 'cluster',
]);
const HOSTNAME = /(?<![A-Za-z0-9_.@/-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,12})(?![A-Za-z0-9_-]|\.[A-Za-z0-9])/gd;

// ---- The list ------------------------------------------------------------------------------

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

export const DETECTORS: Detector[] = [
  {
    hint: /PRIVATE KEY/,
    // PEM blocks, also inside JSON strings with \n escapes; an unterminated block runs to the end of its base64.
    detect: byPattern('private-key', /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----(?:[\s\S]*?-----END \1-----|(?:\\[rn]|[\s\w+/=:,.-])*)/gd),
  },
  { hint: /eyJ/, detect: byPattern('jwt', new RegExp(`${B}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*${E}`, 'gd'), 0, isJwt) },
  { hint: /sk-ant-/, detect: byPattern('anthropic-key', new RegExp(`${B}sk-ant-[a-z]+\\d{2}-[A-Za-z0-9_-]{32,}${E}`, 'gd')) },
  {
    hint: /sk-/,
    detect: byPattern('openai-key', new RegExp(`${B}sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}${E}`, 'gd'), 0, looksRandom),
  },
  {
    hint: /gh[pousr]_|github_pat_/,
    detect: byPattern('github-token', /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,255})(?![A-Za-z0-9_])/gd),
  },
  {
    hint: /gl[a-z]+-/,
    detect: byPattern('gitlab-token', new RegExp(`${B}(?:glpat|gldt|glrt|glptt|glcbt|glft|glsoat|gloas|glimt|glagent)-[A-Za-z0-9_-]{20,}${E}`, 'gd')),
  },
  { hint: /hooks\.slack\.com/, detect: byPattern('slack-webhook', /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/gd) },
  { hint: /xox|xapp-/, detect: byPattern('slack-token', new RegExp(`${B}(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,}${E}`, 'gd'), 0, hasDigitAndLetter) },
  {
    hint: /_live_|_test_|whsec_/,
    detect: byPattern('stripe-key', /(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})(?![A-Za-z0-9_])/gd),
  },
  {
    hint: /A[KSBCGIRNP][A-Z]{2}/,
    detect: byPattern('aws-access-key-id', /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}(?![A-Za-z0-9])/gd),
  },
  {
    hint: /secret|SecretAccessKey/i,
    detect: byPattern('aws-secret-access-key', /(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?[ \t]*(?::|=|=>)[ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gid, 1),
  },
  {
    hint: /AKIA|ASIA/,
    // The credentials CSV and `aws configure list` put the secret right after its key id.
    detect: byPattern('aws-secret-access-key', /(?<=(?:AKIA|ASIA)[A-Z0-9]{16}["']?[ \t,;|]{1,5}["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gd, 0, looksRandom),
  },
  { hint: /private_key_id/, detect: byPattern('gcp-service-account-key', /"private_key_id"\s*:\s*"([a-f0-9]{40})"/gd, 1) },
  { hint: /AIza/, detect: byPattern('gcp-api-key', new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`, 'gd')) },
  {
    hint: /AccountKey|SharedAccess/,
    detect: byPattern('azure-connection-string', /(?:AccountKey|SharedAccessKey)[ \t]*=[ \t]*([A-Za-z0-9+/]{20,}={0,2})/gd, 1),
  },
  { hint: /sig=/, detect: byPattern('azure-sas-token', /[?&;]sig=([A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/gd, 1) },
  {
    hint: /:\/\//,
    detect: byPattern('password-in-url', /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s:/?#@"'<>]+:([^\s/?#@"'<>]+)@/gd, 1, (v) => !isPlaceholderValue(v) && !/^\d{1,5}$/.test(v)),
  },
  { hint: /[Bb]earer/, detect: byPattern('bearer-token', /\b[Bb]earer[ \t]+([A-Za-z0-9._~+/-]{16,}=*)/gd, 1, (v) => hasDigitAndLetter(v) && !isPlaceholderValue(v)) },
  {
    hint: /[Bb]asic/,
    detect: byPattern('basic-auth', /\b[Bb]asic[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/gd, 1, (v) => decodeBase64(v)?.includes(':') === true),
  },
  {
    hint: /api-key|auth-token|access-token|private-token/i,
    detect: byPattern('config-secret', /(?:x-api-key|api-key|x-auth-token|x-access-token|private-token)[ \t]*:[ \t]*([^\s"',;]{12,})/gid, 1, (v) => !isPlaceholderValue(v)),
  },
  { hint: /[=:]/, detect: detectKeyValues },
  { hint: /--[a-z]/, detect: detectFlags },
  { hint: /<\/[\w.:-]*(?:password|passwd|pwd|secret|token|key)>/i, detect: detectXml },
  {
    hint: /@/,
    detect: byPattern(
      'email',
      /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.([A-Za-z]{2,24})(?![A-Za-z0-9-]|\.[A-Za-z0-9]|:[\w~/])/gd,
      0,
      // `https://key@o1.ingest.sentry.io` is a URL's user part, not an address.
      (value, m, text) => !FILE_EXTENSIONS.has(m[1]!.toLowerCase()) && !value.startsWith('.') && !value.includes('..') && !text.endsWith('//', m.index) && !text.endsWith('%2F', m.index),
    ),
  },
  {
    optional: 'ipAddresses',
    detect(text, emit) {
      byPattern('ip-address', IPV4, 0, (v, m) => v !== '0.0.0.0' && !v.startsWith('127.') && !VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index)))(text, emit);
      byPattern('ip-address', IPV6_CANDIDATE, 0, (v) => isIpv6(v) && v !== '::1' && v !== '::')(text, emit);
    },
  },
  {
    optional: 'hostnames',
    detect: byPattern('hostname', HOSTNAME, 0, (v, m) => {
      const tld = m[1]!.toLowerCase();
      return (TLDS.has(tld) || (tld.length === 2 && !FILE_EXTENSIONS.has(tld) && v.split('.').length > 2)) && !/^\d/.test(v.split('.').at(-2) ?? '');
    }),
  },
];

/** Endings that make `logo@2x.png` a file and `README.md` not a host. */
const FILE_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'css', 'scss', 'html', 'htm', 'json',
  'yaml', 'yml', 'xml', 'txt', 'log', 'md', 'csv', 'py', 'rb', 'go', 'rs', 'sh', 'pl', 'so', 'gz', 'xz', 'zip', 'tar', 'jar', 'war',
  'class', 'java', 'kt', 'cs', 'php', 'lock', 'toml', 'ini', 'conf', 'cfg', 'pem', 'crt', 'key', 'pdf', 'db', 'sql', 'properties',
]);

/** Runs every enabled detector and reports raw candidates (overlaps not yet resolved). */
export function detectCandidates(text: string, options: DetectorOptions): Candidate[] {
  const candidates: Candidate[] = [];
  DETECTORS.forEach((detector, priority) => {
    if (detector.optional && !options[detector.optional]) return;
    if (detector.hint && !detector.hint.test(text)) return;
    detector.detect(text, (type, start, end) => {
      if (end > start) candidates.push({ type, start, end, priority });
    });
  });
  return candidates;
}
