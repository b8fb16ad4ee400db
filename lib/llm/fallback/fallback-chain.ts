import type { FallbackNote } from '@/lib/db/records';
import {
  describeProviderError,
  isTransient,
  ProviderError,
  type GenerateResult,
  type LanguageModel,
  type ModelRequest,
  type ModelStreamEvent,
  type ToolCall,
  type Usage,
} from '../model';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { linkedController, untilIdle } from './idle-timeout';
import { ProviderHealthRegistry } from './provider-health';

/** One provider in the user's ordered chain. */
export interface ChainLink {
  /** Stable id (the provider record's), so health survives from one turn to the next. */
  id: string;
  model: LanguageModel;
  /** Set when the provider cannot be used at all right now (its key is locked, …). */
  unavailable?: ProviderError;
}

/** A request, or a function that builds it per model (structured output differs by provider). */
export type RequestFor = ModelRequest | ((model: LanguageModel) => ModelRequest);

export type ChainEvent =
  | ModelStreamEvent
  /** This provider is being asked now (first attempt, a retry, or after a fallback). */
  | { type: 'provider'; linkId: string; provider: string; model: string }
  /** Why the chain moved from one provider to another. */
  | { type: 'fallback'; note: FallbackNote };

export interface ChainGenerateResult extends GenerateResult {
  provider: string;
  model: string;
  linkId: string;
  fallbacks: FallbackNote[];
}

export interface FallbackChainOptions {
  health?: ProviderHealthRegistry;
  /** Attempts over all providers for one request. */
  maxAttempts?: number;
  maxAttemptsPerProvider?: number;
  /** Longest single wait (Retry-After or backoff) when no other provider is ready. */
  maxWaitMs?: number;
  /** A stream silent this long (including before its first event) counts as a timeout. */
  idleTimeoutMs?: number;
  /** Bound on one non-streamed call. */
  generateTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** Returns an error when the request cannot fit this provider (context window). */
  checkFits?: (link: ChainLink, request: ModelRequest) => Promise<ProviderError | undefined>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

type Attempt = (model: LanguageModel, request: ModelRequest) => AsyncIterable<ModelStreamEvent>;

/** Kinds that say nothing about the provider's health: they do not move its breaker. */
const HEALTH_NEUTRAL = new Set(['bad-request', 'context-too-long', 'locked', 'aborted']);

/**
 * The user's ordered providers, used as one model. A request goes to the first healthy
 * provider; on 429, 5xx, timeouts, network errors or a stream cut BEFORE any output it fails
 * over to the next one at once (no sleeping while another provider is ready), remembers
 * Retry-After and backoff per provider, and opens a provider's circuit after repeated
 * failures. Once output has reached the caller, a failure is reported instead of retried,
 * so an answer is never silently produced twice.
 */
export class FallbackChain {
  readonly health: ProviderHealthRegistry;
  private readonly options: Required<Omit<FallbackChainOptions, 'health' | 'checkFits'>> & Pick<FallbackChainOptions, 'checkFits'>;

  constructor(
    readonly links: readonly ChainLink[],
    options: FallbackChainOptions = {},
  ) {
    this.health = options.health ?? new ProviderHealthRegistry();
    this.options = {
      maxAttempts: options.maxAttempts ?? 5,
      maxAttemptsPerProvider: options.maxAttemptsPerProvider ?? 3,
      maxWaitMs: options.maxWaitMs ?? 10_000,
      idleTimeoutMs: options.idleTimeoutMs ?? 45_000,
      generateTimeoutMs: options.generateTimeoutMs ?? 120_000,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      checkFits: options.checkFits,
      sleep: options.sleep ?? abortableSleep,
      now: options.now ?? Date.now,
    };
  }

  /** The provider that would be asked first, for labelling a turn before it starts. */
  get primary(): LanguageModel | undefined {
    return this.links[0]?.model;
  }

  /** Streams from the first provider that answers. Ends with `finish` or `error`, like a model stream. */
  stream(request: RequestFor, signal?: AbortSignal): AsyncIterable<ChainEvent> {
    return this.run(request, signal ?? staticSignal(request), (model, req) => model.stream(req), false);
  }

  /**
   * One buffered answer from the first provider that succeeds. Nothing is shown while it
   * runs, so even a failure after partial output may fail over. Rejects with a `ProviderError`.
   */
  async generate(request: RequestFor, signal?: AbortSignal): Promise<ChainGenerateResult> {
    let text = '';
    const toolCalls: ToolCall[] = [];
    const warnings: string[] = [];
    const fallbacks: FallbackNote[] = [];
    let usage: Usage | undefined;
    let current: { linkId: string; provider: string; model: string } | undefined;
    for await (const event of this.run(request, signal ?? staticSignal(request), generateAsEvents, true)) {
      switch (event.type) {
        case 'provider':
          current = { linkId: event.linkId, provider: event.provider, model: event.model };
          break;
        case 'fallback':
          fallbacks.push(event.note);
          break;
        case 'text-delta':
          text += event.text;
          break;
        case 'tool-call':
          toolCalls.push(event.call);
          break;
        case 'usage':
          usage = { inputTokens: event.inputTokens, outputTokens: event.outputTokens };
          break;
        case 'warning':
          warnings.push(event.message);
          break;
        case 'error':
          throw event.error;
        case 'finish':
          if (!current) throw new ProviderError('bad-response', 'No provider answered');
          return { text, toolCalls, finishReason: event.reason, ...(usage ? { usage } : {}), warnings, fallbacks, ...current };
      }
    }
    throw new ProviderError('bad-response', 'The answer ended without a finish');
  }

  private async *run(requestFor: RequestFor, signal: AbortSignal | undefined, attempt: Attempt, buffered: boolean): AsyncGenerator<ChainEvent> {
    const { now, sleep } = this.options;
    const tried = new Map<string, number>();
    const done = new Set<string>(); // not to be tried again in this request
    const lastFailure = new Map<string, ProviderError>();
    const pendingNotes: { link: ChainLink; error: ProviderError }[] = [];
    const noted = new Set<string>();
    let previous: { link: ChainLink; error: ProviderError } | undefined;
    let attempts = 0;
    let probed = false;
    // After sleeping for a provider's cooldown it is due, whatever a coarse or fake clock says.
    let wokeFor: string | undefined;

    const skip = (link: ChainLink, error: ProviderError) => {
      lastFailure.set(link.id, error);
      if (!noted.has(link.id)) {
        noted.add(link.id);
        pendingNotes.push({ link, error });
      }
    };

    while (attempts < this.options.maxAttempts) {
      if (signal?.aborted) {
        yield { type: 'error', error: new ProviderError('aborted', 'The request was stopped') };
        return;
      }
      const t = now();
      let chosen: ChainLink | undefined;
      let soonest: { link: ChainLink; at: number } | undefined;
      const open: ChainLink[] = [];
      for (const link of this.links) {
        if (done.has(link.id)) continue;
        if (link.unavailable) {
          done.add(link.id);
          skip(link, link.unavailable);
          continue;
        }
        if ((tried.get(link.id) ?? 0) >= this.options.maxAttemptsPerProvider) continue;
        const health = this.health.get(link.id);
        if (!health.breaker.canTry(t)) {
          open.push(link);
          if (!tried.has(link.id)) skip(link, circuitOpenError(link, health.breaker.reopensAt() ?? t, t));
          continue;
        }
        if (health.cooldownUntil > t && wokeFor !== link.id) {
          if (!soonest || health.cooldownUntil < soonest.at) soonest = { link, at: health.cooldownUntil };
          if (!tried.has(link.id) && health.lastError) skip(link, health.lastError);
          continue;
        }
        chosen = link;
        break;
      }

      if (!chosen) {
        if (soonest && soonest.at - t <= this.options.maxWaitMs) {
          const wait = soonest.at - t;
          const why = this.health.get(soonest.link.id).lastError;
          yield {
            type: 'warning',
            message: `${soonest.link.model.provider}${why ? ` (${shortReason(why)})` : ''}: retrying in ${(wait / 1000).toFixed(1)} s`,
          };
          await sleep(wait, signal);
          wokeFor = soonest.link.id;
          continue;
        }
        if (open.length > 0 && attempts === 0 && !probed) {
          // Every provider is paused. The user asked anyway: one trial call beats refusing outright.
          probed = true;
          chosen = open[0]!;
          yield { type: 'warning', message: `Every provider is paused after repeated failures; trying ${chosen.model.provider} once more.` };
        } else {
          break;
        }
      }

      wokeFor = undefined;
      const request = typeof requestFor === 'function' ? requestFor(chosen.model) : requestFor;
      const misfit = await this.options.checkFits?.(chosen, request);
      if (misfit) {
        done.add(chosen.id);
        skip(chosen, misfit);
        continue;
      }

      // Say why we are here: the providers skipped or failed on the way to this one.
      for (const { link, error } of pendingNotes.splice(0)) {
        if (link.id !== chosen.id) yield { type: 'fallback', note: note(link, chosen, error) };
      }
      if (previous && previous.link.id !== chosen.id && !noted.has(`${previous.link.id}→${chosen.id}`)) {
        noted.add(`${previous.link.id}→${chosen.id}`);
        yield { type: 'fallback', note: note(previous.link, chosen, previous.error) };
      } else if (previous && previous.link.id === chosen.id) {
        yield { type: 'warning', message: `${chosen.model.provider} failed (${shortReason(previous.error)}); trying again.` };
      }

      attempts += 1;
      tried.set(chosen.id, (tried.get(chosen.id) ?? 0) + 1);
      const health = this.health.get(chosen.id);
      health.breaker.begin(now());
      yield { type: 'provider', linkId: chosen.id, provider: chosen.model.provider, model: chosen.model.model };

      const { controller, release } = linkedController(signal);
      const buffer: ChainEvent[] = [];
      let outputSent = false;
      let failure: ProviderError | undefined;
      let finished = false;
      try {
        const events = attempt(chosen.model, { ...request, signal: controller.signal });
        const limit = buffered ? this.options.generateTimeoutMs : this.options.idleTimeoutMs;
        const watched = untilIdle(events, limit, () => controller.abort(new Error('idle')));
        let step = await watched.next();
        while (!step.done) {
          const event = step.value;
          if (event.type === 'error') {
            failure = event.error;
            break;
          }
          if (buffered) buffer.push(event);
          else {
            if (event.type === 'text-delta' || event.type === 'tool-call-delta' || event.type === 'tool-call') outputSent = true;
            if (event.type !== 'finish') yield event;
          }
          if (event.type === 'finish') {
            finished = true;
            if (buffered) yield* buffer;
            else yield event;
            break;
          }
          step = await watched.next();
        }
        if (!failure && !finished) {
          failure =
            step.done && step.value === 'idle'
              ? new ProviderError('timeout', `No data from ${chosen.model.provider} for ${Math.round(limit / 1000)} s`)
              : new ProviderError('stream-cut', 'The provider closed the stream before finishing the answer');
        }
        if (failure?.kind === 'aborted' && !signal?.aborted) {
          failure = new ProviderError('timeout', `No data from ${chosen.model.provider} for ${Math.round(limit / 1000)} s`);
        }
      } finally {
        // Also reached when the caller stops listening: do not leave the request running.
        if (!finished) controller.abort();
        release();
      }

      if (finished) {
        health.breaker.recordSuccess();
        health.cooldownUntil = 0;
        health.lastError = undefined;
        return;
      }
      const error = failure!;
      if (error.kind === 'aborted') {
        yield { type: 'error', error };
        return;
      }
      if (!HEALTH_NEUTRAL.has(error.kind)) {
        health.breaker.recordFailure(now());
        health.lastError = error;
        if (isTransient(error.kind)) {
          health.cooldownUntil = now() + Math.max(error.retryAfterMs ?? 0, backoffDelay(health.breaker.failures, this.options.backoff));
        }
      }
      if (outputSent) {
        // Part of the answer is already on screen: report, never silently start over elsewhere.
        yield { type: 'error', error };
        return;
      }
      lastFailure.set(chosen.id, error);
      if (!isTransient(error.kind)) done.add(chosen.id);
      previous = { link: chosen, error };
    }

    yield { type: 'error', error: exhausted(this.links, lastFailure) };
  }
}

async function* generateAsEvents(model: LanguageModel, request: ModelRequest): AsyncIterable<ModelStreamEvent> {
  let result: GenerateResult;
  try {
    result = await model.generate(request);
  } catch (error) {
    yield {
      type: 'error',
      error: error instanceof ProviderError ? error : new ProviderError('bad-response', error instanceof Error ? error.message : String(error)),
    };
    return;
  }
  for (const message of result.warnings) yield { type: 'warning', message };
  if (result.text) yield { type: 'text-delta', text: result.text };
  for (const call of result.toolCalls) yield { type: 'tool-call', call };
  if (result.usage) yield { type: 'usage', ...result.usage };
  yield { type: 'finish', reason: result.finishReason };
}

function note(from: ChainLink, to: ChainLink, error: ProviderError): FallbackNote {
  return {
    from: from.model.provider,
    fromModel: from.model.model,
    to: to.model.provider,
    toModel: to.model.model,
    reason: error.kind,
    detail: describeProviderError(error),
  };
}

function circuitOpenError(link: ChainLink, reopensAt: number, now: number): ProviderError {
  const seconds = Math.max(1, Math.ceil((reopensAt - now) / 1000));
  return new ProviderError('circuit-open', `${link.model.provider} is paused after repeated failures (next try in ${seconds} s)`);
}

const SHORT_REASONS: Record<string, string> = {
  'rate-limit': 'rate limited',
  server: 'server error',
  timeout: 'timed out',
  network: 'unreachable',
  'stream-cut': 'stream cut',
  'bad-response': 'garbled response',
  auth: 'key rejected',
  'bad-request': 'request rejected',
  locked: 'key locked',
  'context-too-long': 'prompt too long',
  'circuit-open': 'paused',
};

function shortReason(error: ProviderError): string {
  const base = SHORT_REASONS[error.kind] ?? error.kind;
  return error.status ? `${base}, HTTP ${error.status}` : base;
}

/** The error for "nobody could answer": the single failure as is, or one line per provider. */
function exhausted(links: readonly ChainLink[], failures: Map<string, ProviderError>): ProviderError {
  if (links.length === 0) return new ProviderError('bad-request', 'No model provider is set up yet.');
  const entries = links.filter((l) => failures.has(l.id)).map((l) => [l, failures.get(l.id)!] as const);
  if (entries.length === 0) return new ProviderError('network', 'No provider could be tried.');
  if (entries.length === 1) return entries[0]![1];
  const kinds = new Set(entries.map(([, e]) => e.kind));
  const kind = kinds.size === 1 ? entries[0]![1].kind : (entries.find(([, e]) => isTransient(e.kind))?.[1].kind ?? entries[0]![1].kind);
  const summary = entries.map(([link, e]) => `${link.model.provider}: ${describeProviderError(e)}`).join('; ');
  return new ProviderError(kind, `No provider could answer. ${summary}`);
}

function staticSignal(request: RequestFor): AbortSignal | undefined {
  return typeof request === 'function' ? undefined : request.signal;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
