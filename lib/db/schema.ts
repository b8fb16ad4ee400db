import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type {
  CaseRecord,
  EvidenceRecord,
  HypothesisRecord,
  KnowledgeChunkRecord,
  KnowledgeDocumentIndexRecord,
  KnowledgeDocumentRecord,
  MessageRecord,
  ProviderKind,
  ProviderRecord,
  SettingRecord,
} from './records';
import { moveChunkVectorsToDocumentIndex } from './kb-document-index-upgrade';

export const DB_NAME = 'faultmaven';

/**
 * Every schema version the database has had, oldest first. Never edit a released entry:
 * add a new one with the full store list and, when rows must change shape, an upgrade.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<void>;
}> = [
  {
    version: 1,
    stores: {
      cases: 'id, status, updatedAt',
      messages: 'id, caseId, createdAt, status',
      evidence: 'id, caseId, createdAt',
      hypotheses: 'id, caseId, status',
      settings: 'key',
      providers: 'id, order',
    },
  },
  {
    // v2: compound indexes so a case's timeline is read in order without sorting in memory,
    // the knowledge base tables, and a severity index for the case history filters.
    version: 2,
    stores: {
      cases: 'id, status, severity, updatedAt',
      messages: 'id, caseId, [caseId+createdAt], status',
      evidence: 'id, caseId, [caseId+createdAt]',
      hypotheses: 'id, caseId, status',
      kbDocuments: 'id, tier, caseId, updatedAt',
      kbChunks: 'id, documentId, tier',
      settings: 'key',
      providers: 'id, order',
    },
    upgrade: async (tx) => {
      // v1 cases had no severity: default them to the least urgent level rather than guess.
      await tx
        .table<CaseRecord>('cases')
        .toCollection()
        .modify((row) => {
          if (!row.severity) row.severity = 'sev3';
        });
    },
  },
  {
    // v3: providers have a real kind (OpenAI, Anthropic, Gemini, …, custom) instead of the single
    // 'openai-compatible', and may hold their key encrypted. Indexes are unchanged.
    version: 3,
    stores: {
      cases: 'id, status, severity, updatedAt',
      messages: 'id, caseId, [caseId+createdAt], status',
      evidence: 'id, caseId, [caseId+createdAt]',
      hypotheses: 'id, caseId, status',
      kbDocuments: 'id, tier, caseId, updatedAt',
      kbChunks: 'id, documentId, tier',
      settings: 'key',
      providers: 'id, order',
    },
    upgrade: async (tx) => {
      // Frozen copy of the host → kind guess at the time of this migration (not imported, so a
      // later change of the presets cannot change what this upgrade did).
      const hosts: [RegExp, ProviderKind][] = [
        [/(^|\.)api\.openai\.com$/, 'openai'],
        [/(^|\.)openrouter\.ai$/, 'openrouter'],
        [/(^|\.)groq\.com$/, 'groq'],
      ];
      await tx
        .table<Omit<ProviderRecord, 'kind'> & { kind: string }>('providers')
        .toCollection()
        .modify((row) => {
          if (row.kind !== 'openai-compatible') return;
          let host = '';
          let port = '';
          try {
            ({ hostname: host, port } = new URL(row.baseUrl));
          } catch {
            // An unparsable URL stays a custom provider.
          }
          row.kind = hosts.find(([pattern]) => pattern.test(host))?.[1] ?? (port === '11434' ? 'ollama' : 'custom');
        });
    },
  },
  {
    // v4: a duplicate upload is recognised by an index on (tier, content hash) instead of reading
    // every document of the tier. No row changes: documents without a hash are simply not in it.
    version: 4,
    stores: {
      cases: 'id, status, severity, updatedAt',
      messages: 'id, caseId, [caseId+createdAt], status',
      evidence: 'id, caseId, [caseId+createdAt]',
      hypotheses: 'id, caseId, status',
      kbDocuments: 'id, tier, caseId, updatedAt, [tier+contentHash]',
      kbChunks: 'id, documentId, tier',
      settings: 'key',
      providers: 'id, order',
    },
  },
  {
    // v5: what the search index loads per document (chunk vectors, BM25 terms, headings) in one
    // row, so a start reads ~5k rows instead of 100k; chunk rows keep the text.
    version: 5,
    stores: {
      cases: 'id, status, severity, updatedAt',
      messages: 'id, caseId, [caseId+createdAt], status',
      evidence: 'id, caseId, [caseId+createdAt]',
      hypotheses: 'id, caseId, status',
      kbDocuments: 'id, tier, caseId, updatedAt, [tier+contentHash]',
      kbChunks: 'id, documentId, tier',
      kbDocumentIndex: 'documentId',
      settings: 'key',
      providers: 'id, order',
    },
    upgrade: moveChunkVectorsToDocumentIndex,
  },
];

export class FaultMavenDB extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>;
  messages!: EntityTable<MessageRecord, 'id'>;
  evidence!: EntityTable<EvidenceRecord, 'id'>;
  hypotheses!: EntityTable<HypothesisRecord, 'id'>;
  kbDocuments!: EntityTable<KnowledgeDocumentRecord, 'id'>;
  kbChunks!: EntityTable<KnowledgeChunkRecord, 'id'>;
  kbDocumentIndex!: EntityTable<KnowledgeDocumentIndexRecord, 'documentId'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  providers!: EntityTable<ProviderRecord, 'id'>;

  constructor(name = DB_NAME, versions = SCHEMA_VERSIONS) {
    super(name);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
