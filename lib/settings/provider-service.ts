import type { FaultMavenDB } from '@/lib/db/schema';
import type { ProviderRecord } from '@/lib/db/records';
import type { ProviderInput, ProviderView } from '@/lib/messaging/protocol';
import { FaultMavenError } from '@/lib/messaging/errors';
import { newId } from '@/lib/ids';
import { inferKind, isProviderKind, kindInfo } from '@/lib/llm/provider-kinds';
import { keyHint } from './key-hint';
import type { KeyVault } from './key-vault';

export { keyHint } from './key-hint';

export function toProviderView(record: ProviderRecord): ProviderView {
  return {
    id: record.id,
    kind: record.kind,
    label: record.label,
    baseUrl: record.baseUrl,
    model: record.model,
    hasKey: record.apiKey.length > 0 || record.apiKeyEncrypted !== undefined,
    keyHint: record.keyHint ?? keyHint(record.apiKey),
    encrypted: record.apiKeyEncrypted !== undefined,
    order: record.order,
  };
}

function validBaseUrl(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new FaultMavenError('invalid-input', `"${raw}" is not a URL. Example: https://api.openai.com/v1`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new FaultMavenError('invalid-input', 'The base URL must start with https:// (or http:// for a local server)');
  }
  return trimmed;
}

/** The chain in the order it is tried. */
export async function listProviders(db: FaultMavenDB): Promise<ProviderRecord[]> {
  return db.providers.orderBy('order').toArray();
}

/**
 * Adds or edits a provider. The kind fills in what the user left empty (base URL); a new key
 * is encrypted when passphrase encryption is on; an empty key keeps the stored one.
 */
export async function saveProvider(db: FaultMavenDB, input: ProviderInput, vault?: KeyVault): Promise<ProviderView> {
  if (input.kind !== undefined && !isProviderKind(input.kind)) {
    throw new FaultMavenError('invalid-input', `Unknown provider kind "${String(input.kind)}"`);
  }
  const rawBaseUrl = input.baseUrl.trim();
  const kind = input.kind ?? inferKind(rawBaseUrl);
  const info = kindInfo(kind);
  const label = input.label.trim() || (input.kind ? info.label : '');
  const model = input.model.trim();
  if (!label) throw new FaultMavenError('invalid-input', 'Give the provider a name, e.g. "OpenAI"');
  if (!model) throw new FaultMavenError('invalid-input', `Name the model to use, e.g. ${info.exampleModel || 'gpt-4o-mini or llama3.1'}`);
  if (!rawBaseUrl && !info.defaultBaseUrl) throw new FaultMavenError('invalid-input', 'Enter the base URL of the server, e.g. http://localhost:8080/v1');
  const baseUrl = validBaseUrl(rawBaseUrl || info.defaultBaseUrl);
  const apiKey = input.apiKey?.trim() ?? '';
  const existing = input.id ? await db.providers.get(input.id) : undefined;
  if (input.id && !existing) throw new FaultMavenError('not-found', 'This provider no longer exists');
  const keepsKey = !apiKey && existing !== undefined && (existing.apiKey !== '' || existing.apiKeyEncrypted !== undefined);
  // Only when the kind was chosen: older callers that name no kind keep saving keyless providers.
  if (input.kind && info.keyRequired && !apiKey && !keepsKey) {
    throw new FaultMavenError('invalid-input', `${info.label} needs an API key (${info.keyHelp})`);
  }
  // Encryption is async WebCrypto work, done before the transaction (which would otherwise auto-commit).
  const stored = apiKey
    ? { ...(vault ? await vault.seal(apiKey) : { apiKey, apiKeyEncrypted: undefined }), keyHint: keyHint(apiKey) }
    : keepsKey
      ? { apiKey: existing.apiKey, apiKeyEncrypted: existing.apiKeyEncrypted, keyHint: existing.keyHint ?? keyHint(existing.apiKey) }
      : { apiKey: '', apiKeyEncrypted: undefined, keyHint: '' };
  return db.transaction('rw', db.providers, async () => {
    const last = await db.providers.orderBy('order').last();
    const record: ProviderRecord = {
      id: existing?.id ?? newId(),
      kind,
      label,
      baseUrl,
      model,
      ...stored,
      order: existing?.order ?? (last ? last.order + 1 : 0),
      updatedAt: Date.now(),
    };
    if (!record.apiKeyEncrypted) delete record.apiKeyEncrypted;
    await db.providers.put(record);
    return toProviderView(record);
  });
}

export async function deleteProvider(db: FaultMavenDB, id: string): Promise<boolean> {
  const existing = await db.providers.get(id);
  if (!existing) return false;
  await db.providers.delete(id);
  return true;
}

export async function getProvider(db: FaultMavenDB, id: string): Promise<ProviderRecord> {
  const found = await db.providers.get(id);
  if (!found) throw new FaultMavenError('not-found', 'This provider no longer exists');
  return found;
}

/**
 * Sets the fallback order. `ids` must name every provider exactly once, so a page with a
 * stale list cannot silently drop one from the chain.
 */
export async function reorderProviders(db: FaultMavenDB, ids: readonly string[]): Promise<ProviderView[]> {
  return db.transaction('rw', db.providers, async () => {
    const all = await db.providers.toArray();
    const known = new Set(all.map((p) => p.id));
    if (ids.length !== all.length || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
      throw new FaultMavenError('invalid-input', 'The provider list changed meanwhile; reload the page and try again');
    }
    const byId = new Map(all.map((p) => [p.id, p]));
    const ordered = ids.map((id, order) => ({ ...byId.get(id)!, order }));
    await db.providers.bulkPut(ordered);
    return ordered.map(toProviderView);
  });
}
