import type { FaultMavenDB } from '@/lib/db/schema';
import type { ConnectionTestResult } from '@/lib/messaging/protocol';
import { FaultMavenError } from '@/lib/messaging/errors';
import { getProvider } from '@/lib/settings/provider-service';
import type { LlmServices } from './llm-services';
import { modelFor } from './resolve-chain';
import { testConnection } from './test-connection';

/** "Test connection" for a stored provider of any kind: a locked key is reported, not thrown. */
export async function testProvider(db: FaultMavenDB, llm: LlmServices, id: string): Promise<ConnectionTestResult> {
  const provider = await getProvider(db, id);
  let apiKey: string;
  try {
    apiKey = await llm.vault.revealKey(provider);
  } catch (error) {
    if (error instanceof FaultMavenError && error.code === 'locked') return { ok: false, latencyMs: 0, model: provider.model, error: error.message };
    throw error;
  }
  const result = await testConnection(modelFor(provider, apiKey));
  // A successful call is fresh evidence of health; a failed test says nothing new about a turn.
  if (result.ok) llm.health.reset(id);
  return result;
}
