import type { FaultMavenDB } from '@/lib/db/schema';
import type { ProviderRecord } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import { listProviders } from '@/lib/settings/provider-service';
import { ProviderError, type LanguageModel } from './model';
import { createOpenAICompatibleModel } from './openai-compatible';
import { createAnthropicModel } from './anthropic';
import { kindInfo } from './provider-kinds';
import { FallbackChain, type ChainLink, type FallbackChainOptions } from './fallback/fallback-chain';
import { contextCheck } from './tokens/context-check';
import { lookupModel, type ModelInfo } from './tokens/model-catalog';
import type { LlmServices } from './llm-services';

export const NO_PROVIDER_MESSAGE =
  'No model provider is set up yet. Open Settings and add one (OpenAI, Anthropic, Gemini, a compatible service, or a local Ollama).';

/** The adapter for one stored provider, given its (decrypted) key. */
export function modelFor(provider: ProviderRecord, apiKey: string): LanguageModel {
  const common = { label: provider.label, baseUrl: provider.baseUrl, apiKey, model: provider.model };
  return kindInfo(provider.kind).protocol === 'anthropic'
    ? createAnthropicModel(common)
    : createOpenAICompatibleModel({ ...common, kind: provider.kind });
}

/** One link per provider; a provider whose key is locked becomes an unavailable link, not a crash. */
export async function linkFor(provider: ProviderRecord, services: LlmServices): Promise<ChainLink> {
  try {
    return { id: provider.id, model: modelFor(provider, await services.vault.revealKey(provider)) };
  } catch (error) {
    if (error instanceof FaultMavenError && error.code === 'locked') {
      return { id: provider.id, model: modelFor(provider, ''), unavailable: new ProviderError('locked', error.message) };
    }
    throw error;
  }
}

/** The user's ordered provider chain, ready to answer a turn. */
export async function resolveChain(db: FaultMavenDB, services: LlmServices, options: FallbackChainOptions = {}): Promise<ResolvedChain> {
  const providers = await listProviders(db);
  if (providers.length === 0) throw new FaultMavenError('no-provider', NO_PROVIDER_MESSAGE);
  const links = await Promise.all(providers.map((p) => linkFor(p, services)));
  const info = new Map<string, ModelInfo>(providers.map((p) => [p.id, lookupModel(p.kind, p.model)]));
  const chain = new FallbackChain(links, {
    health: services.health,
    checkFits: contextCheck(services.tokens, (link) => info.get(link.id)),
    ...options,
  });
  return Object.assign(chain, { modelInfo: (linkId: string) => info.get(linkId) });
}

/** A chain that also knows the price and context window of each of its providers' models. */
export type ResolvedChain = FallbackChain & { modelInfo: (linkId: string) => ModelInfo | undefined };
