import { z } from 'zod';
import { UserIntentSchema } from '@/engines/case-state';
import { migrateCaseState } from '@/engines/case-state-migration';
import { PHASES } from '@/engines/phases';
import { SEVERITIES } from '@/engines/severity';
import type { CaseRecord, EvidenceRecord, HypothesisRecord, MessageRecord } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import type { CaseBundle } from './case-bundle';

/**
 * The exported-case file: `{format: "faultmaven-case", version: 1, exportedAt, case, messages,
 * evidence, hypotheses}`, the engines' state riding inside `case.investigation`. Pure (no
 * storage), so the extension and the CLI read it with the same checks. A new shape gets a new
 * `version`; readers refuse versions they do not know instead of guessing.
 */
export const CASE_EXPORT_FORMAT = 'faultmaven-case';
export const CASE_EXPORT_VERSION = 1;
/** Images travel as data URLs, so a case can be big; past this it is not a case file. */
export const MAX_CASE_IMPORT_BYTES = 25 * 1024 * 1024;

const time = z.number().finite();
const id = z.string().min(1).max(200);

const FallbackNoteSchema = z.object({ from: z.string(), fromModel: z.string(), to: z.string(), toModel: z.string(), reason: z.string(), detail: z.string() });
const CitationSchema = z.object({ label: z.string(), documentId: z.string(), chunkId: z.string(), title: z.string(), citation: z.string(), source: z.string(), tier: z.string() });

const CaseRecordSchema = z.object({
  id,
  title: z.string().min(1).max(500),
  severity: z.enum(SEVERITIES),
  status: z.enum(['open', 'resolved', 'closed']),
  phase: z.enum(PHASES),
  createdAt: time,
  updatedAt: time,
  investigation: z.unknown().optional(),
});

const MessageRecordSchema = z.object({
  id,
  caseId: id,
  role: z.enum(['user', 'assistant', 'system']),
  content: z.string(),
  status: z.enum(['complete', 'pending', 'streaming', 'interrupted', 'error']),
  createdAt: time,
  updatedAt: time,
  replyTo: z.string().optional(),
  provider: z.string().optional(),
  model: z.string().optional(),
  error: z.string().optional(),
  errorCode: z.string().optional(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).optional(),
  usageEstimated: z.boolean().optional(),
  costUsd: z.number().optional(),
  fallbacks: z.array(FallbackNoteSchema).optional(),
  intent: UserIntentSchema.optional(),
  citations: z.array(CitationSchema).optional(),
  attempt: z.number().int().optional(),
});

const EntitySchema = z.object({ type: z.string(), name: z.string() });
const StructuredSchema = z.object({
  title: z.string(),
  status: z.string().optional(),
  timeRange: z.object({ from: z.string(), to: z.string(), raw: z.string() }).optional(),
  queries: z.array(z.string()),
  entities: z.array(EntitySchema),
  keyValues: z.record(z.string(), z.string()),
  notices: z.array(z.string()),
  text: z.string(),
  pageKind: z.string(),
  product: z.enum(['grafana', 'aws', 'datadog']),
  url: z.string(),
  capturedAt: z.string(),
});

const EvidenceRecordSchema = z.object({
  id,
  caseId: id,
  kind: z.enum(['page', 'selection', 'link', 'image', 'file', 'note']),
  title: z.string(),
  text: z.string(),
  truncated: z.boolean(),
  provenance: z.object({
    url: z.string().optional(),
    pageTitle: z.string().optional(),
    extractor: z.string(),
    capturedAt: time,
    source: z.enum(['sidepanel', 'context-menu', 'upload', 'content-script']),
    fileName: z.string().optional(),
    mimeType: z.string().optional(),
    byteSize: z.number().optional(),
  }),
  // Only image data: a `javascript:` or remote URL here would be rendered as an <img src>.
  imageDataUrl: z.string().regex(/^data:image\/[a-z0-9.+-]+;base64,/i, 'must be a data:image/…;base64 URL').optional(),
  structured: StructuredSchema.optional(),
  createdAt: time,
});

const HypothesisRecordSchema = z.object({
  id,
  caseId: id,
  statement: z.string(),
  likelihood: z.number().min(0).max(1),
  status: z.enum(['captured', 'active', 'validated', 'refuted', 'inconclusive', 'retired', 'superseded']),
  createdAt: time,
  updatedAt: time,
});

export const CaseExportSchema = z.object({
  format: z.literal(CASE_EXPORT_FORMAT),
  version: z.literal(CASE_EXPORT_VERSION),
  exportedAt: z.string(),
  case: CaseRecordSchema,
  messages: z.array(MessageRecordSchema).max(100_000),
  evidence: z.array(EvidenceRecordSchema).max(10_000),
  hypotheses: z.array(HypothesisRecordSchema).max(10_000).default([]),
});

export interface CaseExport {
  format: typeof CASE_EXPORT_FORMAT;
  version: typeof CASE_EXPORT_VERSION;
  /** ISO time of the export. */
  exportedAt: string;
  case: CaseRecord;
  messages: MessageRecord[];
  evidence: EvidenceRecord[];
  hypotheses: HypothesisRecord[];
}

export function toCaseExport(bundle: CaseBundle, now: number): CaseExport {
  const kase: CaseRecord = { ...bundle.kase };
  // The state read through migrateCaseState, so the file holds the current shape.
  if (bundle.state) kase.investigation = bundle.state;
  else delete kase.investigation;
  return {
    format: CASE_EXPORT_FORMAT,
    version: CASE_EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    case: kase,
    messages: bundle.messages,
    evidence: bundle.evidence,
    hypotheses: bundle.hypotheses,
  };
}

function bad(message: string): never {
  throw new FaultMavenError('invalid-input', message);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'the file';
  return `${where}: ${issue.message}`;
}

/**
 * Reads an exported case, with a message a person can act on for each way it can be wrong:
 * too big, not JSON, not a FaultMaven case, a version this build does not know, a broken
 * record, or records that belong to another case.
 */
export function parseCaseExport(json: string): CaseExport {
  const bytes = new TextEncoder().encode(json).byteLength;
  if (bytes > MAX_CASE_IMPORT_BYTES) {
    bad(`This file is ${(bytes / 1024 / 1024).toFixed(1)} MB; case files up to ${MAX_CASE_IMPORT_BYTES / 1024 / 1024} MB can be imported`);
  }
  if (json.trim() === '') bad('The file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    bad(`This is not a JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== CASE_EXPORT_FORMAT) {
    bad(`This is not a FaultMaven case export (expected "format": "${CASE_EXPORT_FORMAT}")`);
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== CASE_EXPORT_VERSION) {
    bad(
      typeof version === 'number' && version > CASE_EXPORT_VERSION
        ? `This case was exported by a newer FaultMaven (format version ${version}); update the extension to import it`
        : `Unknown case format version ${JSON.stringify(version)}; this FaultMaven reads version ${CASE_EXPORT_VERSION}`,
    );
  }
  const parsed = CaseExportSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map(describeIssue).join('; ');
    bad(`The case file is damaged: ${issues}${parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : ''}`);
  }
  // The schema mirrors records.ts; string unions it checks loosely (entity types) are kept as found.
  const data = parsed.data as unknown as CaseExport;
  const caseId = data.case.id;
  const foreign = [...data.messages, ...data.evidence, ...data.hypotheses].find((r) => r.caseId !== caseId);
  if (foreign) bad(`The case file is damaged: record ${foreign.id} belongs to case ${foreign.caseId}, not ${caseId}`);
  const ids = new Set<string>([caseId]);
  for (const r of [...data.messages, ...data.evidence, ...data.hypotheses]) {
    if (ids.has(r.id)) bad(`The case file is damaged: id ${r.id} is used twice`);
    ids.add(r.id);
  }
  if (data.case.investigation !== undefined) {
    const migrated = migrateCaseState(data.case.investigation);
    if (!migrated.ok) bad(`The case file's investigation state cannot be read: ${migrated.error}`);
    data.case.investigation = migrated.state;
  }
  return data;
}

/** The bundle the postmortem and runbook writers read, from a parsed export. */
export function bundleFromExport(data: CaseExport): CaseBundle {
  const migrated = data.case.investigation === undefined ? null : migrateCaseState(data.case.investigation);
  return {
    kase: data.case,
    messages: [...data.messages].sort((a, b) => a.createdAt - b.createdAt),
    evidence: [...data.evidence].sort((a, b) => a.createdAt - b.createdAt),
    hypotheses: data.hypotheses,
    state: migrated?.ok ? migrated.state : null,
  };
}
