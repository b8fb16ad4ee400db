import type { FaultMavenDB } from '@/lib/db/schema';
import type { ProviderRecord } from '@/lib/db/records';
import type { ProviderInput, ProviderView } from '@/lib/messaging/protocol';
import { FaultMavenError } from '@/lib/messaging/errors';
import { newId } from '@/lib/ids';

/** What the UI may know about a stored key: its presence and a short hint, never the key. */
export function keyHint(apiKey: string): string {
  if (!apiKey) return '';
  if (apiKey.length <= 8) return '•'.repeat(apiKey.length);
  return `${apiKey.slice(0, 3)}…${apiKey.slice(-4)}`;
}

export function toProviderView(record: ProviderRecord): ProviderView {
  return {
    id: record.id,
    kind: record.kind,
    label: record.label,
    baseUrl: record.baseUrl,
    model: record.model,
    hasKey: record.apiKey.length > 0,
    keyHint: keyHint(record.apiKey),
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

export async function listProviders(db: FaultMavenDB): Promise<ProviderRecord[]> {
  return db.providers.orderBy('order').toArray();
}

export async function saveProvider(db: FaultMavenDB, input: ProviderInput): Promise<ProviderView> {
  const label = input.label.trim();
  const model = input.model.trim();
  if (!label) throw new FaultMavenError('invalid-input', 'Give the provider a name, e.g. "OpenAI"');
  if (!model) throw new FaultMavenError('invalid-input', 'Name the model to use, e.g. gpt-4o-mini or llama3.1');
  const baseUrl = validBaseUrl(input.baseUrl);
  const apiKey = input.apiKey?.trim();
  return db.transaction('rw', db.providers, async () => {
    const existing = input.id ? await db.providers.get(input.id) : undefined;
    if (input.id && !existing) throw new FaultMavenError('not-found', 'This provider no longer exists');
    const last = await db.providers.orderBy('order').last();
    const record: ProviderRecord = {
      id: existing?.id ?? newId(),
      kind: 'openai-compatible',
      label,
      baseUrl,
      model,
      apiKey: apiKey ? apiKey : (existing?.apiKey ?? ''),
      order: existing?.order ?? (last ? last.order + 1 : 0),
      updatedAt: Date.now(),
    };
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
