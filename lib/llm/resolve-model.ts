import type { FaultMavenDB } from '@/lib/db/schema';
import type { ProviderRecord } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import { listProviders } from '@/lib/settings/provider-service';
import type { LanguageModel } from './model';
import { createOpenAICompatibleModel } from './openai-compatible';

export function modelFor(provider: ProviderRecord): LanguageModel {
  return createOpenAICompatibleModel({
    label: provider.label,
    baseUrl: provider.baseUrl,
    apiKey: provider.apiKey,
    model: provider.model,
  });
}

/** The model at the head of the user's provider chain. */
export async function resolvePrimaryModel(db: FaultMavenDB): Promise<LanguageModel> {
  const [first] = await listProviders(db);
  if (!first) {
    throw new FaultMavenError(
      'no-provider',
      'No model provider is set up yet. Open Settings and add one (OpenAI, a compatible service, or a local Ollama).',
    );
  }
  return modelFor(first);
}
