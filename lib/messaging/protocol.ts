/**
 * The one protocol between the extension's contexts (side panel, options, dashboard,
 * content scripts → service worker). Commands are request/response over
 * `runtime.sendMessage`; a turn streams events over a `runtime.connect` port.
 * Adding a command here without a handler fails `protocol.test.ts`.
 */
import type { Severity } from '@/engines/severity';
import type { UploadedFile } from '@/lib/evidence/upload/add-uploaded-file';
import type { CaseRecord, CaseStatus, EvidenceKind, EvidenceRecord, FallbackNote, ProviderKind } from '@/lib/db/records';
import type { SerializedError } from './errors';
import type { PromptPreview } from '@/lib/turns/preview-prompt';
import type { SyncConnectRequest, SyncView } from '@/lib/sync/sync-view';

export type { SyncConnectRequest, SyncView } from '@/lib/sync/sync-view';
import type { AddKbDocumentInput, AddKbDocumentResult, KbDocumentView, KbReindexResult, KbStatus } from '@/lib/kb/knowledge-base-service';
import type { KbChunk, KbDocumentMeta, KbFilter, KbSearchResult } from '@/lib/kb/types';
import type { EmbedderChoice, KbEmbedderStatus } from '@/lib/kb/embedder-settings';
import type { UserIntent } from '@/engines/investigation';
import type { CaseExportKind, ExportedFile } from '@/lib/cases/case-export-json';

/** Provider settings as the UI may see them: never the key itself. */
export interface ProviderView {
  id: string;
  kind: ProviderKind;
  label: string;
  baseUrl: string;
  model: string;
  hasKey: boolean;
  /** e.g. `sk-…a1b2`, enough to recognise which key is stored. */
  keyHint: string;
  /** The key is stored encrypted with the user's passphrase. */
  encrypted: boolean;
  order: number;
}

export interface ProviderInput {
  id?: string;
  /** Omitted: guessed from the base URL (older callers). */
  kind?: ProviderKind;
  label: string;
  /** Empty: the kind's default base URL. */
  baseUrl: string;
  model: string;
  /** Omitted or empty keeps the stored key. */
  apiKey?: string;
}

/** Passphrase encryption of stored keys: off, on and unlocked, or on and locked. */
export interface VaultStatus {
  enabled: boolean;
  unlocked: boolean;
}

export interface ConnectionTestResult {
  ok: boolean;
  latencyMs: number;
  model: string;
  reply?: string;
  error?: string;
}

export interface Commands {
  'system/ping': { request: Record<string, never>; response: { startedAt: number; version: string } };
  /** `windowId`: the side panel's window; the case becomes active there only (several cases at once). */
  'case/create': { request: { title: string; severity: Severity; windowId?: number }; response: CaseRecord };
  'case/update': {
    request: { caseId: string; patch: { title?: string; severity?: Severity; status?: CaseStatus } };
    response: CaseRecord;
  };
  'case/delete': { request: { caseId: string }; response: { deleted: boolean } };
  /** Without `windowId` every window switches to the case (the original single-active behaviour). */
  'case/set-active': { request: { caseId: string | null; windowId?: number }; response: { caseId: string | null } };
  /** A postmortem (`<slug>-postmortem.md`) or the versioned JSON case file, generated from the stored case. */
  'case/export': { request: { caseId: string; format: CaseExportKind }; response: ExportedFile };
  /** Imports an exported JSON case as a new case (fresh ids, all or nothing). */
  'case/import': { request: { json: string }; response: CaseRecord };
  /** Writes a resolved or closed case as a runbook into the user's knowledge base. */
  'case/to-runbook': { request: { caseId: string }; response: { documentId: string; title: string; duplicate: boolean } };
  'evidence/capture-tab': {
    request: { caseId: string; tabId?: number };
    response: EvidenceRecord;
  };
  'evidence/add-text': {
    request: { caseId: string; kind: Extract<EvidenceKind, 'note' | 'selection'>; title: string; text: string };
    response: EvidenceRecord;
  };
  'evidence/delete': { request: { evidenceId: string }; response: { deleted: boolean } };
  /** A file the side panel read (streamed; head and tail of big text files) or an image. */
  'evidence/add-file': { request: UploadedFile; response: EvidenceRecord };
  /** Screenshot of the visible part of the active tab in `windowId` (default: last focused window). */
  'evidence/capture-screenshot': { request: { caseId: string; windowId?: number }; response: EvidenceRecord };
  /** Exactly what sending `draft` now would send to the model, with what was masked (nothing is sent). */
  'prompt/preview': { request: { caseId: string; draft: string }; response: PromptPreview };
  'providers/list': { request: Record<string, never>; response: ProviderView[] };
  'providers/save': { request: ProviderInput; response: ProviderView };
  'providers/delete': { request: { id: string }; response: { deleted: boolean } };
  'providers/test': { request: { id: string }; response: ConnectionTestResult };
  /** Sets the fallback order; `ids` lists every provider once, first tried first. */
  'providers/reorder': { request: { ids: string[] }; response: ProviderView[] };
  'vault/status': { request: Record<string, never>; response: VaultStatus };
  'vault/enable': { request: { passphrase: string }; response: VaultStatus };
  'vault/unlock': { request: { passphrase: string }; response: VaultStatus };
  'vault/lock': { request: Record<string, never>; response: VaultStatus };
  'vault/disable': { request: { passphrase: string }; response: VaultStatus };
  /** Hybrid search over the global pack and the user and case documents (lib/kb). */
  'kb/search': { request: { query: string; k?: number; filter?: KbFilter }; response: KbSearchResult };
  /** Indexes Markdown or text; identical text already indexed in the tier comes back as `duplicate`. */
  'kb/add-document': { request: AddKbDocumentInput; response: AddKbDocumentResult };
  'kb/delete-document': { request: { documentId: string }; response: { deleted: boolean } };
  /** Re-embeds and re-tokenises one stored document, or all user and case documents, from their stored text. */
  'kb/reindex': { request: { documentId?: string }; response: KbReindexResult };
  'kb/list': { request: { tier?: 'user' | 'case'; caseId?: string }; response: KbDocumentView[] };
  'kb/status': { request: Record<string, never>; response: KbStatus };
  'kb/get-document': { request: { documentId: string }; response: { document: KbDocumentMeta; chunks: KbChunk[] } };
  /** The knowledge base's embedder: chosen, active, download/re-index progress, last error (lib/kb/embedder-settings.ts). */
  'kb/embedder-status': { request: Record<string, never>; response: KbEmbedderStatus };
  /** Starts a switch (model download + re-index) and returns at once; poll `kb/embedder-status` for progress. */
  'kb/set-embedder': { request: EmbedderChoice; response: KbEmbedderStatus };
  /** Team sync (lib/background/sync-service.ts); tokens never leave the service worker. */
  'sync/status': { request: Record<string, never>; response: SyncView };
  'sync/connect': { request: SyncConnectRequest; response: SyncView };
  'sync/disconnect': { request: Record<string, never>; response: SyncView };
  'sync/set-enabled': { request: { enabled: boolean }; response: SyncView };
  'sync/now': { request: Record<string, never>; response: SyncView };
  'sync/set-evidence-content': { request: { enabled: boolean }; response: SyncView };
}

export type CommandName = keyof Commands;
export type CommandRequest<N extends CommandName> = Commands[N]['request'];
export type CommandResponse<N extends CommandName> = Commands[N]['response'];

/** Every command name, for the convention test and for routing. Keep in sync with `Commands`. */
export const COMMAND_NAMES = [
  'system/ping',
  'case/create',
  'case/update',
  'case/delete',
  'case/set-active',
  'case/export',
  'case/import',
  'case/to-runbook',
  'evidence/capture-tab',
  'evidence/add-text',
  'evidence/delete',
  'evidence/add-file',
  'evidence/capture-screenshot',
  'prompt/preview',
  'providers/list',
  'providers/save',
  'providers/delete',
  'providers/test',
  'providers/reorder',
  'vault/status',
  'vault/enable',
  'vault/unlock',
  'vault/lock',
  'vault/disable',
  'kb/search',
  'kb/add-document',
  'kb/delete-document',
  'kb/reindex',
  'kb/list',
  'kb/status',
  'kb/get-document',
  'kb/embedder-status',
  'kb/set-embedder',
  'sync/status',
  'sync/connect',
  'sync/disconnect',
  'sync/set-enabled',
  'sync/now',
  'sync/set-evidence-content',
] as const satisfies readonly CommandName[];

/** Compile-time proof that COMMAND_NAMES lists every key of Commands. */
type MissingCommands = Exclude<CommandName, (typeof COMMAND_NAMES)[number]>;
const _allCommandsListed: MissingCommands extends never ? true : MissingCommands = true;
void _allCommandsListed;

export interface CommandEnvelope<N extends CommandName = CommandName> {
  fm: 'command';
  name: N;
  payload: CommandRequest<N>;
}

export type CommandReply<N extends CommandName = CommandName> =
  | { ok: true; value: CommandResponse<N> }
  | { ok: false; error: SerializedError };

export type CommandHandlers = {
  [N in CommandName]: (payload: CommandRequest<N>, sender: MessageSenderInfo) => Promise<CommandResponse<N>>;
};

/** The parts of `runtime.MessageSender` handlers may rely on. */
export interface MessageSenderInfo {
  tabId?: number;
  url?: string;
}

// ---- Turns: streamed over a port -------------------------------------------------------

export const TURN_PORT_NAME = 'fm-turn';

export type TurnRequest =
  /** `intent`: set when the engineer clicked a suggested decision (see engines/case-state.ts UserIntent). */
  | { type: 'send'; caseId: string; text: string; intent?: UserIntent }
  | { type: 'retry'; assistantMessageId: string }
  | { type: 'abort'; assistantMessageId: string };

export type TurnEvent =
  | {
      type: 'turn-start';
      caseId: string;
      userMessageId: string;
      assistantMessageId: string;
      provider: string;
      model: string;
    }
  /** `offset` is where `delta` starts in the full answer, so a late subscriber can merge safely. */
  | { type: 'text-delta'; assistantMessageId: string; delta: string; offset: number }
  | { type: 'warning'; assistantMessageId: string; message: string }
  /** A provider could not answer; `note.to` is being asked instead (the UI shows who and why). */
  | { type: 'fallback'; assistantMessageId: string; note: FallbackNote }
  | {
      type: 'finish';
      assistantMessageId: string;
      usage?: { inputTokens: number; outputTokens: number };
    }
  | { type: 'error'; assistantMessageId?: string; error: SerializedError };

export const TURN_REQUEST_TYPES = ['send', 'retry', 'abort'] as const satisfies readonly TurnRequest['type'][];
