import type { ProviderKind } from '@/lib/db/records';
import type { ModelCapabilities } from './model';

export type WireProtocol = 'openai' | 'anthropic';

export interface ProviderKindInfo {
  kind: ProviderKind;
  label: string;
  protocol: WireProtocol;
  defaultBaseUrl: string;
  exampleModel: string;
  keyRequired: boolean;
  /** Shown under the key field. */
  keyHelp: string;
  capabilities: ModelCapabilities;
  /** Per-model exceptions, first match wins (model ids vary by vendor: `openai/gpt-4o`, `accounts/…`). */
  modelOverrides?: ReadonlyArray<{ match: RegExp; capabilities: Partial<ModelCapabilities> }>;
  /** OpenAI-compatible servers that understand `stream_options.include_usage`. */
  streamUsage: boolean;
}

const ALL: ModelCapabilities = { structuredOutput: 'json-schema', tools: true, temperature: true };

// OpenAI reasoning models (o1, o3, o4-mini, gpt-5 except the chat variant) reject `temperature`.
const OPENAI_REASONING = /(^|\/)(o\d|gpt-5(?!-chat))/;
// Models from before Structured Outputs: function calling works, strict json_schema does not.
const OPENAI_PRE_STRICT = /(^|\/)(gpt-3\.5|gpt-4(-\d{4}|-turbo|-32k)?$|gpt-4-(0314|0613|turbo|32k|vision|1106|0125))/;

/**
 * What each provider kind is, where it lives and how it can produce structured output.
 * Capabilities follow the vendors' documentation; where support varies by model the
 * default is the mode that works for most of that vendor's models, with exceptions below.
 */
export const PROVIDER_KINDS = {
  openai: {
    kind: 'openai',
    label: 'OpenAI',
    protocol: 'openai',
    defaultBaseUrl: 'https://api.openai.com/v1',
    exampleModel: 'gpt-4o-mini',
    keyRequired: true,
    keyHelp: 'platform.openai.com → API keys (starts with sk-)',
    capabilities: { ...ALL, structuredOutput: 'json-schema-strict' },
    modelOverrides: [
      { match: OPENAI_PRE_STRICT, capabilities: { structuredOutput: 'tool' } },
      { match: OPENAI_REASONING, capabilities: { temperature: false } },
    ],
    streamUsage: true,
  },
  anthropic: {
    kind: 'anthropic',
    label: 'Anthropic',
    protocol: 'anthropic',
    defaultBaseUrl: 'https://api.anthropic.com',
    exampleModel: 'claude-sonnet-4-5',
    keyRequired: true,
    keyHelp: 'console.anthropic.com → API keys (starts with sk-ant-)',
    // Forced tool use works on every Claude model; newer ones also take output_config.format.
    // The current Messages API takes no sampling parameters.
    capabilities: { ...ALL, structuredOutput: 'tool', temperature: false },
    modelOverrides: [
      { match: /claude-(opus-4-[1-9]|sonnet-4-5|haiku-4-5|(opus|sonnet|haiku|fable|mythos)-[5-9])/, capabilities: { structuredOutput: 'json-schema' } },
    ],
    streamUsage: true,
  },
  gemini: {
    kind: 'gemini',
    label: 'Google Gemini',
    protocol: 'openai',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    exampleModel: 'gemini-2.5-flash',
    keyRequired: true,
    keyHelp: 'aistudio.google.com → Get API key',
    capabilities: ALL,
    streamUsage: true,
  },
  fireworks: {
    kind: 'fireworks',
    label: 'Fireworks',
    protocol: 'openai',
    defaultBaseUrl: 'https://api.fireworks.ai/inference/v1',
    exampleModel: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
    keyRequired: true,
    keyHelp: 'fireworks.ai → Account → API keys',
    capabilities: ALL,
    streamUsage: true,
  },
  openrouter: {
    kind: 'openrouter',
    label: 'OpenRouter',
    protocol: 'openai',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    exampleModel: 'openai/gpt-4o-mini',
    keyRequired: true,
    keyHelp: 'openrouter.ai → Keys (starts with sk-or-)',
    // OpenRouter routes to many vendors: tool calling is the common denominator.
    capabilities: { ...ALL, structuredOutput: 'tool' },
    modelOverrides: [
      { match: /^openai\//, capabilities: { structuredOutput: 'json-schema-strict' } },
      { match: /^openai\/(o\d|gpt-5(?!-chat))/, capabilities: { temperature: false } },
      { match: /^google\//, capabilities: { structuredOutput: 'json-schema' } },
    ],
    streamUsage: true,
  },
  groq: {
    kind: 'groq',
    label: 'Groq',
    protocol: 'openai',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    exampleModel: 'llama-3.3-70b-versatile',
    keyRequired: true,
    keyHelp: 'console.groq.com → API Keys (starts with gsk_)',
    capabilities: { ...ALL, structuredOutput: 'tool' },
    modelOverrides: [{ match: /(gpt-oss|kimi-k2)/, capabilities: { structuredOutput: 'json-schema' } }],
    streamUsage: true,
  },
  huggingface: {
    kind: 'huggingface',
    label: 'Hugging Face',
    protocol: 'openai',
    defaultBaseUrl: 'https://router.huggingface.co/v1',
    exampleModel: 'meta-llama/Llama-3.1-8B-Instruct',
    keyRequired: true,
    keyHelp: 'huggingface.co → Settings → Access Tokens (starts with hf_)',
    // Support for response_format depends on the inference provider behind the router.
    capabilities: { ...ALL, structuredOutput: 'prompt' },
    streamUsage: true,
  },
  ollama: {
    kind: 'ollama',
    label: 'Ollama (local)',
    protocol: 'openai',
    defaultBaseUrl: 'http://localhost:11434/v1',
    exampleModel: 'llama3.1',
    keyRequired: false,
    keyHelp: 'No key needed for a local Ollama',
    capabilities: ALL,
    streamUsage: true,
  },
  vllm: {
    kind: 'vllm',
    label: 'vLLM (local)',
    protocol: 'openai',
    defaultBaseUrl: 'http://localhost:8000/v1',
    exampleModel: 'Qwen/Qwen2.5-7B-Instruct',
    keyRequired: false,
    keyHelp: 'Only if the server was started with --api-key',
    capabilities: ALL,
    streamUsage: true,
  },
  custom: {
    kind: 'custom',
    label: 'Other OpenAI-compatible',
    protocol: 'openai',
    defaultBaseUrl: '',
    exampleModel: '',
    keyRequired: false,
    keyHelp: 'Whatever the server expects as a Bearer token, if anything',
    // Unknown server: ask for JSON in the prompt and validate; nothing it may reject.
    capabilities: { ...ALL, structuredOutput: 'prompt' },
    streamUsage: true,
  },
} as const satisfies Record<ProviderKind, ProviderKindInfo>;

export const PROVIDER_KIND_LIST: readonly ProviderKindInfo[] = Object.values(PROVIDER_KINDS);

export function isProviderKind(value: unknown): value is ProviderKind {
  return typeof value === 'string' && Object.hasOwn(PROVIDER_KINDS, value);
}

export function kindInfo(kind: ProviderKind): ProviderKindInfo {
  return PROVIDER_KINDS[kind];
}

/** The capabilities of one model of one provider kind. */
export function capabilitiesFor(kind: ProviderKind, model: string): ModelCapabilities {
  const info: ProviderKindInfo = PROVIDER_KINDS[kind];
  let capabilities = { ...info.capabilities };
  const seen = new Set<keyof ModelCapabilities>();
  for (const override of info.modelOverrides ?? []) {
    if (!override.match.test(model)) continue;
    for (const [key, value] of Object.entries(override.capabilities) as [keyof ModelCapabilities, never][]) {
      if (seen.has(key)) continue;
      seen.add(key);
      capabilities = { ...capabilities, [key]: value };
    }
  }
  return capabilities;
}

const HOST_KINDS: ReadonlyArray<[RegExp, ProviderKind]> = [
  [/(^|\.)api\.openai\.com$/, 'openai'],
  [/(^|\.)api\.anthropic\.com$/, 'anthropic'],
  [/(^|\.)generativelanguage\.googleapis\.com$/, 'gemini'],
  [/(^|\.)fireworks\.ai$/, 'fireworks'],
  [/(^|\.)openrouter\.ai$/, 'openrouter'],
  [/(^|\.)groq\.com$/, 'groq'],
  [/(^|\.)huggingface\.co$/, 'huggingface'],
];

/** Best guess of the kind from a base URL (used for providers saved before kinds existed). */
export function inferKind(baseUrl: string): ProviderKind {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'custom';
  }
  for (const [pattern, kind] of HOST_KINDS) if (pattern.test(url.hostname)) return kind;
  if (url.port === '11434') return 'ollama';
  return 'custom';
}
