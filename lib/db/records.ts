import type { UserIntent } from '@/engines/case-state';
import type { KnowledgeCitation } from '@/lib/kb/format-knowledge';
import type { Phase } from '@/engines/phases';
import type { Severity } from '@/engines/severity';
import type { StructuredEvidence } from '@/lib/sites/types';

/**
 * Row types of the IndexedDB database. Ids are strings (crypto.randomUUID) so that records
 * created on two devices can later be merged by team sync without renumbering.
 */

export type CaseStatus = 'open' | 'resolved' | 'closed';

export interface CaseRecord {
  id: string;
  title: string;
  severity: Severity;
  status: CaseStatus;
  phase: Phase;
  createdAt: number;
  updatedAt: number;
  /**
   * The investigation engines' state (engines/case-state.ts), stored whole and read back
   * through `migrateCaseState`. Unindexed, so it needs no schema version.
   */
  investigation?: unknown;
}

export type MessageRole = 'user' | 'assistant' | 'system';

/**
 * Lifecycle of an assistant message. A turn is persisted before the model is called, so a
 * service worker that dies mid-stream leaves a `streaming` row that recovery turns into
 * `interrupted` (with its partial text kept) and the user can retry in place.
 */
export type MessageStatus = 'complete' | 'pending' | 'streaming' | 'interrupted' | 'error';

export interface MessageRecord {
  id: string;
  caseId: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  createdAt: number;
  /** For assistant messages: the user message this answers. */
  replyTo?: string;
  /** Which provider/model produced the answer, shown under the message. */
  provider?: string;
  model?: string;
  error?: string;
  /** Machine-readable kind of `error`, e.g. `locked` (the UI offers to unlock the keys). */
  errorCode?: string;
  usage?: { inputTokens: number; outputTokens: number };
  /** True when the provider reported no usage and the figures are our own token count. */
  usageEstimated?: boolean;
  /** Estimated price of this answer in US dollars, from the model price table at answer time. */
  costUsd?: number;
  /** Providers that were skipped or failed before `provider` answered, and why. */
  fallbacks?: FallbackNote[];
  /** For user messages sent by clicking a suggested decision: what the click means to the engines. */
  intent?: UserIntent;
  /** Knowledge-base chunks given to the model for this answer, so `[K1]` can be shown as a source. */
  citations?: KnowledgeCitation[];
  /** Incremented on each retry so a stale stream can never overwrite a newer attempt. */
  attempt?: number;
  updatedAt: number;
}

/** One step along the fallback chain: `from` could not answer (for `reason`), so `to` was asked. */
export interface FallbackNote {
  from: string;
  fromModel: string;
  to: string;
  toModel: string;
  /** A `ProviderErrorKind` such as `rate-limit`, `server`, `circuit-open`, `locked`. */
  reason: string;
  /** The provider's own words, e.g. "Rate limited: … (HTTP 429)". */
  detail: string;
}

export type EvidenceKind = 'page' | 'selection' | 'link' | 'image' | 'file' | 'note';

export type EvidenceSource = 'sidepanel' | 'context-menu' | 'upload' | 'content-script';

/** Where a piece of evidence came from: enough to cite it and to find it again. */
export interface Provenance {
  url?: string;
  pageTitle?: string;
  /** Adapter that produced it, e.g. `generic`, later `grafana-dashboard`. */
  extractor: string;
  capturedAt: number;
  source: EvidenceSource;
  fileName?: string;
  mimeType?: string;
  byteSize?: number;
}

export interface EvidenceRecord {
  id: string;
  caseId: string;
  kind: EvidenceKind;
  title: string;
  /** Readable text the agent sees (after size capping). */
  text: string;
  /** True when `text` was shortened to fit the cap. */
  truncated: boolean;
  provenance: Provenance;
  /** Image data for image evidence, kept as a data URL. */
  imageDataUrl?: string;
  /** Typed fields (page kind, time range, entities, key values) when a site adapter read the page. */
  structured?: StructuredEvidence;
  createdAt: number;
}

export type HypothesisStatus =
  | 'captured'
  | 'active'
  | 'validated'
  | 'refuted'
  | 'inconclusive'
  | 'retired'
  | 'superseded';

export interface HypothesisRecord {
  id: string;
  caseId: string;
  statement: string;
  likelihood: number;
  status: HypothesisStatus;
  createdAt: number;
  updatedAt: number;
}

export type KnowledgeTier = 'global' | 'user' | 'case';

export interface KnowledgeDocumentRecord {
  id: string;
  tier: KnowledgeTier;
  title: string;
  source: string;
  caseId?: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  /** SHA-256 of the text, so a duplicate upload is recognised (lib/kb). */
  contentHash?: string;
  sizeBytes?: number;
  chunkCount?: number;
  /** The embedder that produced the chunks' vectors; other embedders' vectors are never mixed. */
  embedderId?: string;
}

/**
 * A chunk's text: what a hit shows, what `getDocument` returns, what team sync sends and what a
 * new embedder re-embeds. Its vector and BM25 terms live in the document's `kbDocumentIndex` row.
 */
export interface KnowledgeChunkRecord {
  id: string;
  documentId: string;
  tier: KnowledgeTier;
  ordinal: number;
  heading: string;
  text: string;
  /** Headings above the chunk, outermost first (`heading` is their ` › ` join). */
  headingPath?: string[];
  /** Schema v4 and before only (the v5 upgrade moved it to `kbDocumentIndex`): the unit vector. */
  vector?: Float32Array;
  /** Schema v4 and before only: the chunk's BM25 terms joined by single spaces. */
  keywordTerms?: string;
  /** Schema v4 and before only: `KEYWORD_TERMS_VERSION` that produced `keywordTerms`. */
  keywordTermsVersion?: number;
}

/**
 * Everything the in-memory search index needs of one stored document except its chunks' text,
 * in one row: loading 100k chunks then deserialises ~5k rows with one vector array each instead
 * of 100k rows with a vector and a text each. Derived from the document and its chunks (rebuilt
 * by re-embedding them when missing or made by another embedder); written in the same
 * transaction as they are. Arrays are in chunk order (ascending ordinal).
 */
export interface KnowledgeDocumentIndexRecord {
  documentId: string;
  /** The embedder that produced `vectors` (the document's `embedderId` when current). */
  embedderId: string;
  dim: number;
  /** `chunkIds.length × dim` floats: each chunk's unit vector, chunk after chunk. */
  vectors: Float32Array;
  chunkIds: string[];
  ordinals: number[];
  headingPaths: string[][];
  /** `KEYWORD_TERMS_VERSION` that produced the terms; absent, or another version: tokenised again. */
  keywordTermsVersion?: number;
  /** `termsSourceKey` of the title and tags the terms were made with. */
  keywordTermsOf?: string;
  /** The chunks' BM25 terms, encoded by `lib/kb/stored-terms.ts`. */
  termVocabulary?: string;
  termIds?: Uint16Array | Uint32Array;
  termEnds?: Uint32Array;
}

/** Non-secret key/value settings (active case, UI preferences). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/** Provider kinds; their presets and capabilities are in `lib/llm/provider-kinds.ts`. */
export type ProviderKind =
  | 'openai'
  | 'anthropic'
  | 'gemini'
  | 'fireworks'
  | 'openrouter'
  | 'groq'
  | 'huggingface'
  | 'ollama'
  | 'vllm'
  | 'custom';

/** AES-GCM ciphertext and its IV, both base64. */
export interface EncryptedSecret {
  iv: string;
  data: string;
}

/**
 * A configured model provider, including its API key. Only the service worker reads this
 * table; UIs get `ProviderView` without the key. With passphrase encryption on, `apiKey` is
 * empty and the key lives in `apiKeyEncrypted`.
 */
export interface ProviderRecord {
  id: string;
  kind: ProviderKind;
  label: string;
  baseUrl: string;
  model: string;
  apiKey: string;
  apiKeyEncrypted?: EncryptedSecret;
  /** e.g. `sk-…a1b2`, kept so an encrypted key can still be recognised. */
  keyHint?: string;
  /** Position in the fallback chain; lowest first. */
  order: number;
  updatedAt: number;
}
