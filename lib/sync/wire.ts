/**
 * The team-sync wire format, shared by the sync client (`lib/sync`) and the companion server
 * (`server/`). Pure zod: it runs in the service worker, in Node and in the server alike.
 *
 * A synced record is `{ kind, id, data }` where `data` is the record's fields without its id.
 * Clients push only the fields they changed since the server revision they last saw
 * (`baseRevision`); the server merges field by field, assigns a new per-team revision and
 * records every concurrent change it had to resolve, so no write is silently dropped.
 */
import { z } from 'zod';

export const SYNC_KINDS = ['case', 'message', 'evidence', 'hypothesis', 'conclusion', 'knowledge-document'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

/**
 * Fields that must settle together. A case's `phase` and `status` are read from its
 * `investigation` (the engines' state); taking one device's investigation with another's phase
 * would leave a case that contradicts itself. A client sends every field of a group when any of
 * them changed, and the server settles a group edited on both sides as one unit.
 */
export const LINKED_FIELDS: Partial<Record<SyncKind, ReadonlyArray<readonly string[]>>> = {
  case: [['investigation', 'phase', 'status']],
};

/** Ids are client-made UUIDs; anything else that looks like an id is accepted, nothing that could smuggle syntax. */
export const recordIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids may contain letters, digits, "_", ".", ":" and "-"');

export const deviceIdSchema = recordIdSchema;

/** Upper bound of one record's JSON (evidence text is capped at 200k characters by the extension). */
export const MAX_RECORD_JSON_CHARS = 1_000_000;
export const MAX_PUSH_CHANGES = 200;
export const MAX_PULL_LIMIT = 1000;

const timestamp = z.number().int().nonnegative();
const shortText = z.string().max(500);

/**
 * Known fields per kind, type-checked when present. Unknown fields pass through so an older
 * server keeps syncing records written by a newer extension.
 */
export const KIND_FIELDS = {
  case: z.looseObject({
    title: z.string().max(500),
    severity: shortText,
    status: shortText,
    phase: shortText,
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
  message: z.looseObject({
    caseId: recordIdSchema,
    role: z.enum(['user', 'assistant', 'system']),
    content: z.string(),
    status: shortText,
    createdAt: timestamp,
    updatedAt: timestamp,
    replyTo: recordIdSchema,
  }),
  evidence: z.looseObject({
    caseId: recordIdSchema,
    kind: shortText,
    title: z.string().max(2000),
    text: z.string(),
    truncated: z.boolean(),
    provenance: z.looseObject({}),
    createdAt: timestamp,
    /** Id of an uploaded blob (`PUT /v1/blobs/:id`) holding the evidence's binary content. */
    blobId: recordIdSchema.nullable(),
  }),
  hypothesis: z.looseObject({
    caseId: recordIdSchema,
    statement: z.string().max(10_000),
    likelihood: z.number().min(0).max(1),
    status: shortText,
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
  conclusion: z.looseObject({
    caseId: recordIdSchema,
    statement: z.string().max(10_000),
    confidence: z.number().min(0).max(1),
    level: shortText,
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
  'knowledge-document': z.looseObject({
    title: z.string().max(2000),
    source: z.string().max(2000),
    tier: shortText,
    tags: z.array(z.string().max(200)).max(100),
    chunks: z.array(z.looseObject({ ordinal: z.number().int(), heading: z.string(), text: z.string() })),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
} satisfies Record<SyncKind, z.ZodType>;

export type RecordData = Record<string, unknown>;

export const pushChangeSchema = z
  .object({
    kind: z.enum(SYNC_KINDS),
    id: recordIdSchema,
    /** The server revision of this record the client last saw; 0 for a record it never saw on the server. */
    baseRevision: z.number().int().nonnegative(),
    /** When the change was made on the device (ms); orders concurrent edits of the same field. */
    changedAt: timestamp,
    deleted: z.boolean().default(false),
    /** The fields changed since `baseRevision`, with their new values (all fields for a new record). */
    fields: z.record(z.string().min(1).max(100), z.unknown()),
  })
  .superRefine((change, ctx) => {
    const known = KIND_FIELDS[change.kind].partial().safeParse(change.fields);
    if (!known.success) {
      for (const issue of known.error.issues) ctx.addIssue({ ...issue, path: ['fields', ...issue.path] } as never);
    }
    if (Object.keys(change.fields).length > 100) ctx.addIssue({ code: 'custom', message: 'at most 100 fields per record', path: ['fields'] });
    if (JSON.stringify(change.fields).length > MAX_RECORD_JSON_CHARS) {
      ctx.addIssue({ code: 'custom', message: `a record may hold at most ${MAX_RECORD_JSON_CHARS} characters of JSON`, path: ['fields'] });
    }
  });
export type PushChange = z.input<typeof pushChangeSchema>;

export const pushRequestSchema = z.object({
  deviceId: deviceIdSchema,
  changes: z.array(pushChangeSchema).min(1).max(MAX_PUSH_CHANGES),
});
export type PushRequest = z.input<typeof pushRequestSchema>;

/** One field both sides changed since the pusher's base revision, and how it was settled. */
export interface FieldConflict {
  field: string;
  keptValue: unknown;
  discardedValue: unknown;
  keptDevice: string;
  discardedDevice: string;
}

/** The server's copy of a record after a push or as pulled. */
export interface ServerRecord {
  kind: SyncKind;
  id: string;
  revision: number;
  deleted: boolean;
  data: RecordData;
  updatedAt: number;
}

export interface PushResult extends ServerRecord {
  /** `applied`: taken as sent; `merged`: combined with concurrent changes (see `conflicts`); `unchanged`: nothing new. */
  outcome: 'applied' | 'merged' | 'unchanged';
  conflicts: FieldConflict[];
}

export interface PushResponse {
  results: PushResult[];
}

/** `GET /v1/sync/limits`. */
export interface SyncLimits {
  maxBlobBytes: number;
  maxRecordJsonChars: number;
  maxPushChanges: number;
  maxPullLimit: number;
}

export const pullQuerySchema = z.object({
  deviceId: deviceIdSchema,
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
});

export interface PullResponse {
  changes: ServerRecord[];
  /** The revision to pass as `since` next time. */
  cursor: number;
  hasMore: boolean;
}

export interface ConflictView extends FieldConflict {
  id: string;
  kind: SyncKind;
  recordId: string;
  revision: number;
  createdAt: number;
}

// ---- Accounts --------------------------------------------------------------------------

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'not an email address');
export const passwordSchema = z.string().min(10, 'passwords need at least 10 characters').max(256);
export const displayNameSchema = z.string().trim().min(1).max(100);

export const loginRequestSchema = z.object({ email: emailSchema, password: z.string().min(1).max(256) });
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(10).max(512) });

export type Role = 'owner' | 'member';

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  user: { id: string; email: string; displayName: string; role: Role };
  team: { id: string; name: string };
}
