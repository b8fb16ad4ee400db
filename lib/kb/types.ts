/** Shared shapes of the knowledge base. Pure data: usable in the service worker, pages and Node. */

/** global: the shipped runbook pack; user: the user's own documents; case: one case's evidence. */
export type KbTier = 'global' | 'user' | 'case';

export interface KbDocumentMeta {
  id: string;
  tier: KbTier;
  title: string;
  /** Where the text came from: a pack path, an uploaded file name, an evidence id. */
  source: string;
  tags: string[];
  /** Set for the case tier: the case whose evidence this is. */
  caseId?: string;
}

export interface KbChunk {
  /** `${documentId}#${ordinal}` */
  id: string;
  documentId: string;
  ordinal: number;
  /** Headings above this chunk, outermost first (the document title excluded). */
  headingPath: string[];
  /** The chunk's own text, as shown to the user and quoted to the model. */
  text: string;
}

export interface KbFilter {
  tiers?: KbTier[];
  sources?: string[];
  /** Every listed tag must be on the document. */
  tags?: string[];
  caseId?: string;
}

export interface KbHit {
  chunk: KbChunk;
  document: KbDocumentMeta;
  /** Fused score used for ranking (higher is better; comparable only within one query). */
  score: number;
  keywordScore: number;
  vectorScore: number;
  /** `Title › Heading › Subheading`, the chunk-level part of a citation. */
  citation: string;
}

export interface KbSearchResult {
  hits: KbHit[];
  /** False when nothing in the index fits the query well enough to be cited. */
  confident: boolean;
  /** The evidence behind `confident`, for display and calibration. */
  confidence: number;
}
