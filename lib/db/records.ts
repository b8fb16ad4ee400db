import type { Phase } from '@/engines/phases';
import type { Severity } from '@/engines/severity';

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
  usage?: { inputTokens: number; outputTokens: number };
  /** Incremented on each retry so a stale stream can never overwrite a newer attempt. */
  attempt?: number;
  updatedAt: number;
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
}

export interface KnowledgeChunkRecord {
  id: string;
  documentId: string;
  tier: KnowledgeTier;
  ordinal: number;
  heading: string;
  text: string;
}

/** Non-secret key/value settings (active case, UI preferences). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

export type ProviderKind = 'openai-compatible';

/**
 * A configured model provider, including its API key. Only the service worker reads this
 * table; UIs get `ProviderView` without the key.
 */
export interface ProviderRecord {
  id: string;
  kind: ProviderKind;
  label: string;
  baseUrl: string;
  model: string;
  apiKey: string;
  /** Position in the fallback chain; lowest first. */
  order: number;
  updatedAt: number;
}
