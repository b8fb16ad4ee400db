import { findSecrets, type FindOptions } from './find-secrets';
import type { Finding, SecretType } from './secret-types';
import { hmacSha256 } from './sha256';

/**
 * Masks secrets with placeholders that are stable within a case: the placeholder of a value
 * is derived from an HMAC of the value keyed with the case's salt, so the same secret gets
 * the same placeholder in every turn (and in the preview) without storing anything, while a
 * different case — a different salt — gets different ones. The salt never leaves the device;
 * the placeholder reveals nothing about the value without it.
 *
 * A secret found once is masked wherever else it appears, even where nothing around it says
 * "secret" (a password pasted into a chat message after the config that holds it was captured):
 * `learn()` texts first, or rely on the values found by earlier `redact()` calls.
 *
 * The redactor also keeps the mapping placeholder → original for this session, so that text
 * can be restored locally (never sent anywhere).
 */
export interface RedactorOptions extends FindOptions {
  /** Per-case secret; the extension uses the case id, the CLI a random or given value. */
  salt: string;
}

export interface RedactedFinding extends Finding {
  placeholder: string;
}

export interface RedactionResult {
  text: string;
  findings: RedactedFinding[];
}

export interface MappedSecret {
  type: SecretType;
  value: string;
}

const PLACEHOLDER = /\[REDACTED:([a-z-]+):([a-z]{8,12})\]/g;
/** Shorter known values are not searched for elsewhere: "admin" or "123" would mask half a log. */
const MIN_KNOWN_LENGTH = 6;
/** Each known value costs a scan of every text; past this many, new ones are not added. */
const MAX_KNOWN = 500;
/**
 * Only secrets recognised by their context need searching for elsewhere: a password after
 * `password=` is just a word anywhere else. Prefixed tokens, e-mails and addresses are found
 * by their own shape wherever they are.
 */
const CONTEXT_TYPES = new Set<SecretType>([
  'aws-secret-access-key',
  'gcp-service-account-key',
  'azure-connection-string',
  'azure-sas-token',
  'bearer-token',
  'basic-auth',
  'password-in-url',
  'connection-string-password',
  'config-password',
  'config-secret',
]);

export class Redactor {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, MappedSecret>();
  private readonly known = new Map<string, SecretType>();

  constructor(private readonly options: RedactorOptions) {}

  /** The secrets in `text`, without masking them. */
  find(text: string): Finding[] {
    return findSecrets(text, this.options);
  }

  /** Remembers the secrets in `text` so that `redact()` masks them anywhere. */
  learn(text: string): void {
    for (const f of this.find(text)) this.remember(f.type, text.slice(f.start, f.end));
  }

  /** Values learned so far (for cache keys: what `redact()` masks depends on them). */
  get knownCount(): number {
    return this.known.size;
  }

  /** Changes whenever the set of known values changes; reveals nothing about them. */
  knownFingerprint(): string {
    if (this.known.size === 0) return '0';
    return `${this.known.size}:${letters(hmacSha256(this.options.salt, [...this.known.keys()].sort().join('\u0000')), 12)}`;
  }

  redact(text: string): RedactionResult {
    const detected = this.find(text);
    for (const f of detected) this.remember(f.type, text.slice(f.start, f.end));
    const found = this.withKnownValues(text, detected);
    if (found.length === 0) return { text, findings: [] };
    const parts: string[] = [];
    const findings: RedactedFinding[] = [];
    let last = 0;
    for (const f of found) {
      const placeholder = this.placeholderFor(f.type, text.slice(f.start, f.end));
      parts.push(text.slice(last, f.start), placeholder);
      findings.push({ ...f, placeholder });
      last = f.end;
    }
    parts.push(text.slice(last));
    return { text: parts.join(''), findings };
  }

  /** Adds a secret found elsewhere (e.g. in cached detection results) to the known values. */
  remember(type: SecretType, value: string): void {
    if (!CONTEXT_TYPES.has(type) || value.length < MIN_KNOWN_LENGTH || this.known.size >= MAX_KNOWN) return;
    if (!this.known.has(value)) this.known.set(value, type);
  }

  /** Adds the places where an already known secret appears without context to detect it. */
  private withKnownValues(text: string, detected: Finding[]): Finding[] {
    if (this.known.size === 0) return detected;
    const extra: Finding[] = [];
    const taken = (start: number, end: number) =>
      detected.some((f) => start < f.end && f.start < end) || extra.some((f) => start < f.end && f.start < end);
    // Longest first, so a value containing another known value wins.
    for (const [value, type] of [...this.known].sort((a, b) => b[0].length - a[0].length)) {
      for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
        if (!taken(at, at + value.length)) extra.push({ type, start: at, end: at + value.length });
      }
    }
    return extra.length === 0 ? detected : [...detected, ...extra].sort((a, b) => a.start - b.start);
  }

  /** `[REDACTED:<type>:<tag>]`, the same for the same value under the same salt. */
  placeholderFor(type: SecretType, value: string): string {
    const known = this.byValue.get(value);
    if (known) return known;
    const mac = hmacSha256(this.options.salt, value);
    let placeholder = `[REDACTED:${type}:${letters(mac, 8)}]`;
    // Two values sharing 8 letters (≈1 in 2·10¹¹) get a longer tag rather than one placeholder.
    if (this.byPlaceholder.has(placeholder)) placeholder = `[REDACTED:${type}:${letters(mac, 12)}]`;
    this.byValue.set(value, placeholder);
    this.byPlaceholder.set(placeholder, { type, value });
    return placeholder;
  }

  /** Placeholder → original for everything masked so far. Local only. */
  get mapping(): ReadonlyMap<string, MappedSecret> {
    return this.byPlaceholder;
  }

  /** Puts the originals back into text that contains placeholders (e.g. a model's answer). */
  restore(text: string): string {
    return text.replace(PLACEHOLDER, (placeholder) => this.byPlaceholder.get(placeholder)?.value ?? placeholder);
  }
}

/** Lower-case letters from hash bytes: no digits, so log masking never splits a placeholder. */
function letters(bytes: Uint8Array, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String.fromCharCode(97 + (bytes[i]! % 26));
  return out;
}
