/**
 * The one protocol between the extension's contexts (side panel, options, dashboard,
 * content scripts → service worker). Commands are request/response over
 * `runtime.sendMessage`; a turn streams events over a `runtime.connect` port.
 * Adding a command here without a handler fails `protocol.test.ts`.
 */
import type { Severity } from '@/engines/severity';
import type { CaseRecord, CaseStatus, EvidenceKind, EvidenceRecord } from '@/lib/db/records';
import type { SerializedError } from './errors';

/** Provider settings as the UI may see them: never the key itself. */
export interface ProviderView {
  id: string;
  kind: 'openai-compatible';
  label: string;
  baseUrl: string;
  model: string;
  hasKey: boolean;
  /** e.g. `sk-…a1b2`, enough to recognise which key is stored. */
  keyHint: string;
  order: number;
}

export interface ProviderInput {
  id?: string;
  label: string;
  baseUrl: string;
  model: string;
  /** Omitted or empty keeps the stored key. */
  apiKey?: string;
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
  'case/create': { request: { title: string; severity: Severity }; response: CaseRecord };
  'case/update': {
    request: { caseId: string; patch: { title?: string; severity?: Severity; status?: CaseStatus } };
    response: CaseRecord;
  };
  'case/delete': { request: { caseId: string }; response: { deleted: boolean } };
  'case/set-active': { request: { caseId: string | null }; response: { caseId: string | null } };
  'evidence/capture-tab': {
    request: { caseId: string; tabId?: number };
    response: EvidenceRecord;
  };
  'evidence/add-text': {
    request: { caseId: string; kind: Extract<EvidenceKind, 'note' | 'selection'>; title: string; text: string };
    response: EvidenceRecord;
  };
  'evidence/delete': { request: { evidenceId: string }; response: { deleted: boolean } };
  'providers/list': { request: Record<string, never>; response: ProviderView[] };
  'providers/save': { request: ProviderInput; response: ProviderView };
  'providers/delete': { request: { id: string }; response: { deleted: boolean } };
  'providers/test': { request: { id: string }; response: ConnectionTestResult };
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
  'evidence/capture-tab',
  'evidence/add-text',
  'evidence/delete',
  'providers/list',
  'providers/save',
  'providers/delete',
  'providers/test',
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
  | { type: 'send'; caseId: string; text: string }
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
  | {
      type: 'finish';
      assistantMessageId: string;
      usage?: { inputTokens: number; outputTokens: number };
    }
  | { type: 'error'; assistantMessageId?: string; error: SerializedError };

export const TURN_REQUEST_TYPES = ['send', 'retry', 'abort'] as const satisfies readonly TurnRequest['type'][];
