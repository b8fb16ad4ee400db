import type { ProviderKind } from '@/lib/db/records';

export type TokenizerEncoding = 'o200k_base' | 'cl100k_base';
export type ModelFamily = 'openai' | 'anthropic' | 'gemini' | 'open-weights';

export interface ModelInfo {
  family: ModelFamily;
  /** Total tokens the model can attend to (prompt + answer). */
  contextWindow?: number;
  maxOutputTokens?: number;
  /** US dollars per million tokens. */
  price?: { input: number; output: number };
  /** OpenAI models: the exact tokenizer. Others are estimated. */
  encoding?: TokenizerEncoding;
}

interface Entry extends ModelInfo {
  match: RegExp;
  /** Only for these provider kinds (the same open model costs differently per host). */
  kinds?: readonly ProviderKind[];
}

const OPENAI = { family: 'openai', encoding: 'o200k_base' } as const;
const OPENAI_LEGACY = { family: 'openai', encoding: 'cl100k_base' } as const;
const CLAUDE = { family: 'anthropic', contextWindow: 200_000 } as const;
const GEMINI = { family: 'gemini', contextWindow: 1_048_576 } as const;

/**
 * Context windows and list prices (USD per 1M input/output tokens) as the vendors publish
 * them, for estimates only: the provider's bill is the truth. First match wins, so more
 * specific names come first. Unknown models simply have no limit check and no cost.
 */
const CATALOG: readonly Entry[] = [
  { match: /^gpt-5-nano/, ...OPENAI, contextWindow: 400_000, maxOutputTokens: 128_000, price: { input: 0.05, output: 0.4 } },
  { match: /^gpt-5-mini/, ...OPENAI, contextWindow: 400_000, maxOutputTokens: 128_000, price: { input: 0.25, output: 2 } },
  { match: /^gpt-5/, ...OPENAI, contextWindow: 400_000, maxOutputTokens: 128_000, price: { input: 1.25, output: 10 } },
  { match: /^gpt-4\.1-nano/, ...OPENAI, contextWindow: 1_047_576, maxOutputTokens: 32_768, price: { input: 0.1, output: 0.4 } },
  { match: /^gpt-4\.1-mini/, ...OPENAI, contextWindow: 1_047_576, maxOutputTokens: 32_768, price: { input: 0.4, output: 1.6 } },
  { match: /^gpt-4\.1/, ...OPENAI, contextWindow: 1_047_576, maxOutputTokens: 32_768, price: { input: 2, output: 8 } },
  { match: /^gpt-4o-mini/, ...OPENAI, contextWindow: 128_000, maxOutputTokens: 16_384, price: { input: 0.15, output: 0.6 } },
  { match: /^(gpt-4o|chatgpt-4o)/, ...OPENAI, contextWindow: 128_000, maxOutputTokens: 16_384, price: { input: 2.5, output: 10 } },
  { match: /^o4-mini/, ...OPENAI, contextWindow: 200_000, maxOutputTokens: 100_000, price: { input: 1.1, output: 4.4 } },
  { match: /^o3-mini/, ...OPENAI, contextWindow: 200_000, maxOutputTokens: 100_000, price: { input: 1.1, output: 4.4 } },
  { match: /^o3/, ...OPENAI, contextWindow: 200_000, maxOutputTokens: 100_000, price: { input: 2, output: 8 } },
  { match: /^o1-mini/, ...OPENAI, contextWindow: 128_000, maxOutputTokens: 65_536, price: { input: 1.1, output: 4.4 } },
  { match: /^o1/, ...OPENAI, contextWindow: 200_000, maxOutputTokens: 100_000, price: { input: 15, output: 60 } },
  { match: /^gpt-4-turbo/, ...OPENAI_LEGACY, contextWindow: 128_000, maxOutputTokens: 4_096, price: { input: 10, output: 30 } },
  { match: /^gpt-4(-\d{4})?$/, ...OPENAI_LEGACY, contextWindow: 8_192, maxOutputTokens: 8_192, price: { input: 30, output: 60 } },
  { match: /^gpt-3\.5-turbo/, ...OPENAI_LEGACY, contextWindow: 16_385, maxOutputTokens: 4_096, price: { input: 0.5, output: 1.5 } },
  { match: /^gpt-oss-120b/, ...OPENAI, contextWindow: 131_072, kinds: ['groq'], price: { input: 0.15, output: 0.75 } },
  { match: /^gpt-oss-20b/, ...OPENAI, contextWindow: 131_072, kinds: ['groq'], price: { input: 0.1, output: 0.5 } },
  { match: /^gpt-oss/, ...OPENAI, contextWindow: 131_072 },

  { match: /^claude-(opus-4-[5-9]|opus-[5-9])/, ...CLAUDE, maxOutputTokens: 64_000, price: { input: 5, output: 25 } },
  { match: /^claude-(opus-4|3-opus)/, ...CLAUDE, maxOutputTokens: 32_000, price: { input: 15, output: 75 } },
  { match: /^claude-(sonnet-4|sonnet-[5-9]|3-7-sonnet)/, ...CLAUDE, maxOutputTokens: 64_000, price: { input: 3, output: 15 } },
  { match: /^claude-3-5-sonnet/, ...CLAUDE, maxOutputTokens: 8_192, price: { input: 3, output: 15 } },
  { match: /^claude-(haiku-4-5|haiku-[5-9])/, ...CLAUDE, maxOutputTokens: 64_000, price: { input: 1, output: 5 } },
  { match: /^claude-3-5-haiku/, ...CLAUDE, maxOutputTokens: 8_192, price: { input: 0.8, output: 4 } },
  { match: /^claude-3-haiku/, ...CLAUDE, maxOutputTokens: 4_096, price: { input: 0.25, output: 1.25 } },
  { match: /^claude-/, ...CLAUDE },

  { match: /^gemini-2\.5-pro/, ...GEMINI, maxOutputTokens: 65_536, price: { input: 1.25, output: 10 } },
  { match: /^gemini-2\.5-flash-lite/, ...GEMINI, maxOutputTokens: 65_536, price: { input: 0.1, output: 0.4 } },
  { match: /^gemini-2\.5-flash/, ...GEMINI, maxOutputTokens: 65_536, price: { input: 0.3, output: 2.5 } },
  { match: /^gemini-2\.0-flash-lite/, ...GEMINI, maxOutputTokens: 8_192, price: { input: 0.075, output: 0.3 } },
  { match: /^gemini-2\.0-flash/, ...GEMINI, maxOutputTokens: 8_192, price: { input: 0.1, output: 0.4 } },
  { match: /^gemini-1\.5-pro/, family: 'gemini', contextWindow: 2_097_152, maxOutputTokens: 8_192, price: { input: 1.25, output: 5 } },
  { match: /^gemini-1\.5-flash/, ...GEMINI, maxOutputTokens: 8_192, price: { input: 0.075, output: 0.3 } },
  { match: /^gemini-/, ...GEMINI },

  { match: /^llama-3\.3-70b-versatile/, family: 'open-weights', contextWindow: 131_072, kinds: ['groq'], price: { input: 0.59, output: 0.79 } },
  { match: /^llama-3\.1-8b-instant/, family: 'open-weights', contextWindow: 131_072, kinds: ['groq'], price: { input: 0.05, output: 0.08 } },
  { match: /^llama-v3p3-70b-instruct/, family: 'open-weights', contextWindow: 131_072, kinds: ['fireworks'], price: { input: 0.9, output: 0.9 } },
  { match: /^llama-v3p1-8b-instruct/, family: 'open-weights', contextWindow: 131_072, kinds: ['fireworks'], price: { input: 0.2, output: 0.2 } },
];

/** Kinds that run on the user's own hardware: no bill, and a context set by the server. */
const LOCAL_KINDS: readonly ProviderKind[] = ['ollama', 'vllm'];

/** `openai/gpt-4o` (OpenRouter), `accounts/fireworks/models/x`, `models/gemini-…` → the bare model name. */
export function bareModelName(model: string): string {
  return model.trim().toLowerCase().split('/').at(-1) ?? model;
}

/** What we know about a model as served by a provider kind. */
export function lookupModel(kind: ProviderKind, model: string): ModelInfo {
  if (LOCAL_KINDS.includes(kind)) return { family: familyOf(model), price: { input: 0, output: 0 } };
  const name = bareModelName(model);
  const entry = CATALOG.find((e) => e.match.test(name) && (!e.kinds || e.kinds.includes(kind)));
  if (!entry) return { family: familyOf(model) };
  const { match: _match, kinds: _kinds, ...info } = entry;
  return info;
}

function familyOf(model: string): ModelFamily {
  const name = bareModelName(model);
  if (/^(gpt-|o\d|chatgpt)/.test(name)) return 'openai';
  if (name.startsWith('claude')) return 'anthropic';
  if (name.startsWith('gemini')) return 'gemini';
  return 'open-weights';
}
