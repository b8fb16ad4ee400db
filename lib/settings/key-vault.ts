import type { FaultMavenDB } from '@/lib/db/schema';
import type { EncryptedSecret, ProviderRecord } from '@/lib/db/records';
import type { VaultStatus } from '@/lib/messaging/protocol';
import { FaultMavenError } from '@/lib/messaging/errors';
import { keyHint } from './key-hint';
import { decryptText, deriveKey, encryptText, exportKey, importKey, PBKDF2_ITERATIONS, randomBytes, fromBase64, toBase64 } from './secret-crypto';

/** Where the derived key is kept while unlocked: memory that dies with the browser session. */
export interface SessionKeyStore {
  get(): Promise<string | undefined>;
  set(rawKey: string): Promise<void>;
  clear(): Promise<void>;
}

export function memorySessionStore(): SessionKeyStore {
  let value: string | undefined;
  return {
    get: async () => value,
    set: async (raw) => {
      value = raw;
    },
    clear: async () => {
      value = undefined;
    },
  };
}

/** Non-secret vault parameters, stored in the settings table. */
interface VaultMeta {
  version: 1;
  iterations: number;
  salt: string;
  /** A known text encrypted with the key: decrypting it proves the passphrase. */
  check: EncryptedSecret;
}

export const VAULT_SETTING_KEY = 'key-vault';
const CHECK_TEXT = 'faultmaven-key-vault-v1';
const MIN_PASSPHRASE = 8;

export const LOCKED_MESSAGE = 'Your API keys are locked. Enter your passphrase (here, or in Settings → Passphrase protection) to use them.';

/**
 * Optional passphrase encryption of stored API keys (PBKDF2 → AES-GCM). When enabled, keys
 * are stored only as ciphertext; the derived key lives in memory and in session storage, so
 * it survives service-worker restarts but not a browser restart. A locked vault never fails
 * silently: every use of a key throws a `locked` error that the UI turns into an unlock prompt.
 */
export class KeyVault {
  private key: CryptoKey | null = null;

  constructor(
    private readonly db: FaultMavenDB,
    private readonly session: SessionKeyStore = memorySessionStore(),
    private readonly iterations = PBKDF2_ITERATIONS,
  ) {}

  async status(): Promise<VaultStatus> {
    const meta = await this.meta();
    if (!meta) return { enabled: false, unlocked: true };
    return { enabled: true, unlocked: (await this.currentKey()) !== null };
  }

  /** Encrypts every stored key with a key derived from `passphrase`, and stays unlocked. */
  async enable(passphrase: string): Promise<VaultStatus> {
    if (await this.meta()) throw new FaultMavenError('invalid-input', 'Key encryption is already on');
    checkPassphrase(passphrase);
    const salt = randomBytes(16);
    const key = await deriveKey(passphrase, salt, this.iterations);
    const meta: VaultMeta = { version: 1, iterations: this.iterations, salt: toBase64(salt), check: await encryptText(key, CHECK_TEXT) };
    const providers = await this.db.providers.toArray();
    const sealed = await Promise.all(
      providers.map(async (p) => (p.apiKey ? { ...p, apiKey: '', apiKeyEncrypted: await encryptText(key, p.apiKey), keyHint: p.keyHint ?? keyHint(p.apiKey) } : p)),
    );
    await this.db.transaction('rw', this.db.providers, this.db.settings, async () => {
      await this.db.providers.bulkPut(sealed);
      await this.db.settings.put({ key: VAULT_SETTING_KEY, value: meta });
    });
    await this.remember(key);
    return { enabled: true, unlocked: true };
  }

  async unlock(passphrase: string): Promise<VaultStatus> {
    const meta = await this.requireMeta();
    await this.remember(await this.verify(meta, passphrase));
    return { enabled: true, unlocked: true };
  }

  async lock(): Promise<VaultStatus> {
    this.key = null;
    await this.session.clear();
    const enabled = (await this.meta()) !== undefined;
    return { enabled, unlocked: !enabled };
  }

  /** Decrypts every key back into plain storage and removes the vault. Needs the passphrase. */
  async disable(passphrase: string): Promise<VaultStatus> {
    const meta = await this.requireMeta();
    const key = await this.verify(meta, passphrase);
    const providers = await this.db.providers.toArray();
    const opened = await Promise.all(
      providers.map(async (p) => {
        if (!p.apiKeyEncrypted) return p;
        const { apiKeyEncrypted, ...rest } = p;
        return { ...rest, apiKey: await decryptText(key, apiKeyEncrypted) };
      }),
    );
    await this.db.transaction('rw', this.db.providers, this.db.settings, async () => {
      await this.db.providers.bulkPut(opened);
      await this.db.settings.delete(VAULT_SETTING_KEY);
    });
    this.key = null;
    await this.session.clear();
    return { enabled: false, unlocked: true };
  }

  /** The usable key of a provider. Throws `locked` when it is encrypted and the vault is locked. */
  async revealKey(record: ProviderRecord): Promise<string> {
    if (!record.apiKeyEncrypted) return record.apiKey;
    const key = await this.currentKey();
    if (!key) throw new FaultMavenError('locked', LOCKED_MESSAGE);
    try {
      return await decryptText(key, record.apiKeyEncrypted);
    } catch {
      throw new FaultMavenError('locked', `The stored key of ${record.label} cannot be decrypted with the current passphrase; enter it again in Settings.`);
    }
  }

  /** How a new key is stored: as is, or encrypted when the vault is on (which then must be unlocked). */
  async seal(apiKey: string): Promise<Pick<ProviderRecord, 'apiKey' | 'apiKeyEncrypted'>> {
    if (!(await this.meta())) return { apiKey, apiKeyEncrypted: undefined };
    const key = await this.currentKey();
    if (!key) throw new FaultMavenError('locked', 'Unlock your API keys first: a new key is stored encrypted with your passphrase.');
    return { apiKey: '', apiKeyEncrypted: await encryptText(key, apiKey) };
  }

  private async currentKey(): Promise<CryptoKey | null> {
    if (this.key) return this.key;
    const raw = await this.session.get();
    if (!raw) return null;
    this.key = await importKey(raw);
    return this.key;
  }

  private async remember(key: CryptoKey): Promise<void> {
    this.key = key;
    await this.session.set(await exportKey(key));
  }

  private async verify(meta: VaultMeta, passphrase: string): Promise<CryptoKey> {
    const key = await deriveKey(passphrase, fromBase64(meta.salt), meta.iterations);
    try {
      if ((await decryptText(key, meta.check)) === CHECK_TEXT) return key;
    } catch {
      // Wrong key: AES-GCM authentication fails.
    }
    throw new FaultMavenError('invalid-input', 'Wrong passphrase');
  }

  private async meta(): Promise<VaultMeta | undefined> {
    return (await this.db.settings.get(VAULT_SETTING_KEY))?.value as VaultMeta | undefined;
  }

  private async requireMeta(): Promise<VaultMeta> {
    const meta = await this.meta();
    if (!meta) throw new FaultMavenError('invalid-input', 'Key encryption is off');
    return meta;
  }
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new FaultMavenError('invalid-input', `Use a passphrase of at least ${MIN_PASSPHRASE} characters`);
  }
}

