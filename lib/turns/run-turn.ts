import type { FaultMavenDB } from '@/lib/db/schema';
import type { FallbackNote, MessageRecord } from '@/lib/db/records';
import { describeProviderError, ProviderError, type LanguageModel, type ModelRequest, type ToolCall, type Usage } from '@/lib/llm/model';
import type { ChainEvent, ChainGenerateResult, RequestFor } from '@/lib/llm/fallback/fallback-chain';
import type { ModelInfo } from '@/lib/llm/tokens/model-catalog';
import { estimateCostUsd } from '@/lib/llm/tokens/cost';
import { TokenCounter } from '@/lib/llm/tokens/token-counter';
import type { TurnEvent } from '@/lib/messaging/protocol';
import { FaultMavenError, serializeError, type SerializedError } from '@/lib/messaging/errors';
import { getCase, touchCase } from '@/lib/cases/case-service';
import { buildPrompt } from './build-prompt';
import type { FormattedKnowledge } from '@/lib/kb/format-knowledge';
import { readCaseState } from '@/lib/investigation/case-state-store';
import { knowledgeQuery } from './knowledge-query';
import { AGENT_OUTPUT_SCHEMA_NAME, agentOutputJsonSchema, agentToolJsonSchemas, evidenceLabel } from '@/engines/investigation';
import { executeAgentTool, type ToolOutcome } from '@/lib/investigation/agent-tool-executor';
import { createAnswerExtractor } from '@/lib/investigation/answer-extractor';
import { beginInvestigationTurn, completeInvestigationTurn, investigationPromptSections } from '@/lib/investigation/investigation-turn';

/** What a turn needs from the provider chain (`ResolvedChain` in the extension). */
export interface TurnChain {
  /** Labels the turn before the first provider is asked. */
  readonly primary: LanguageModel | undefined;
  stream(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ChainEvent>;
  /** Buffered calls with fallback; makes the chain usable with `generateStructured` in a turn. */
  generate(request: RequestFor, signal?: AbortSignal): Promise<ChainGenerateResult>;
  /** Price and context window of a provider's model, for the cost estimate. */
  modelInfo?(linkId: string): ModelInfo | undefined;
}

export interface TurnDeps {
  db: FaultMavenDB;
  resolveChain: () => Promise<TurnChain>;
  emit: (event: TurnEvent) => void;
  /** Counts tokens when a provider reports no usage. */
  tokens?: TokenCounter;
  /**
   * Knowledge-base hits, already formatted for the prompt (none: no KB). Before a turn the query
   * is several lines (question, problem, title, error signatures: see knowledge-query.ts); a
   * model's tool call passes its own query.
   */
  searchKnowledge?: (query: string, caseId: string) => Promise<FormattedKnowledge>;
  /** How often partial text is written to the database while streaming. */
  persistEveryMs?: number;
}

const fallbackCounter = new TokenCounter();

/** Tool rounds per turn before the model must answer from what it has. */
export const MAX_TOOL_ROUNDS = 3;

/**
 * Produces the answer for a persisted `pending` assistant message. The partial answer is
 * saved as it streams, so a page that reopens mid-answer sees it, and a worker that dies
 * leaves text behind that recovery marks `interrupted`. Which provider answered, and why
 * others were skipped, is recorded on the message.
 */
export async function runTurn(deps: TurnDeps, assistantMessageId: string, signal: AbortSignal): Promise<void> {
  const { db, emit } = deps;
  const persistEveryMs = deps.persistEveryMs ?? 250;
  const tokens = deps.tokens ?? fallbackCounter;
  const assistant = await db.messages.get(assistantMessageId);
  if (!assistant || assistant.role !== 'assistant' || !assistant.replyTo) {
    throw new FaultMavenError('not-found', 'That answer no longer exists');
  }
  const attempt = assistant.attempt ?? 1;

  // Writes only if this attempt is still the current one: a stale stream never clobbers a retry.
  const write = async (changes: Partial<MessageRecord>) => {
    await db.transaction('rw', db.messages, async () => {
      const current = await db.messages.get(assistantMessageId);
      if (!current || (current.attempt ?? 1) !== attempt) return;
      await db.messages.update(assistantMessageId, { ...changes, updatedAt: Date.now() });
    });
  };

  let text = '';
  const fallbacks: FallbackNote[] = [];
  try {
    // All reads at once: each is its own IndexedDB transaction, and the user is waiting.
    const caseId = assistant.caseId;
    const [kase, chain, evidence, history] = await Promise.all([
      getCase(db, caseId),
      deps.resolveChain(),
      db.evidence.where('caseId').equals(caseId).toArray(),
      db.messages.where('[caseId+createdAt]').between([caseId, -Infinity], [caseId, assistant.createdAt], true, false).toArray(),
    ]);
    // The engines see the question and the evidence first (persisted), then shape the prompt.
    const question = history.find((m) => m.id === assistant.replyTo);
    const [investigation, knowledge] = await Promise.all([
      question ? beginInvestigationTurn(db, caseId, question, evidence) : undefined,
      // A knowledge base that fails to load must not cost the engineer the answer.
      question && deps.searchKnowledge ? deps.searchKnowledge(turnKnowledgeQuery(kase, question.content, evidence), caseId).catch(() => undefined) : undefined,
    ]);
    const messages = buildPrompt({
      kase,
      evidence,
      history,
      ...(knowledge ? { knowledge: knowledge.text } : {}),
      ...(investigation
        ? { investigation: { ...investigationPromptSections(investigation.state), labelFor: (id: string) => evidenceLabel(investigation.state, id) } }
        : {}),
    });
    // The reply is one JSON object (answer + state updates); its `answer` is streamed as it arrives.
    const extractor = createAnswerExtractor();
    const responseFormat = investigation ? { name: AGENT_OUTPUT_SCHEMA_NAME, schema: agentOutputJsonSchema(), strict: true } : undefined;
    let answering = { provider: chain.primary?.provider ?? '', model: chain.primary?.model ?? '', linkId: '' };
    // Clears what a previous attempt (before a retry) may have left behind. Not awaited: the
    // provider call need not wait for this commit, and IndexedDB runs later writes after it.
    let startFailure: unknown;
    const started = write({
      status: 'streaming',
      citations: knowledge?.citations.length ? knowledge.citations : undefined,
      provider: answering.provider,
      model: answering.model,
      fallbacks: undefined,
      errorCode: undefined,
      costUsd: undefined,
      usageEstimated: undefined,
    }).catch((error: unknown) => {
      startFailure = error;
    });
    emit({
      type: 'turn-start',
      caseId: kase.id,
      userMessageId: assistant.replyTo,
      assistantMessageId,
      provider: answering.provider,
      model: answering.model,
    });

    let lastPersist = Date.now();
    let usage: Usage | undefined;
    let askedUser: string | undefined;
    // Read-only tools (knowledge search, evidence reading, log analysis, asking the engineer):
    // a few rounds at most, then the model must answer with what it has.
    const tools = investigation ? agentToolJsonSchemas() : undefined;
    for (let round = 0; ; round++) {
      const offerTools = tools && round < MAX_TOOL_ROUNDS;
      const toolCalls: ToolCall[] = [];
      let failure: ProviderError | undefined;
      const request = { messages, ...(responseFormat ? { responseFormat } : {}), ...(offerTools ? { tools } : {}) };
      for await (const event of chain.stream(request, signal)) {
        switch (event.type) {
          case 'text-delta': {
            const visible = responseFormat ? extractor.push(event.text) : event.text;
            if (!visible) break;
            emit({ type: 'text-delta', assistantMessageId, delta: visible, offset: text.length });
            text += visible;
            if (Date.now() - lastPersist >= persistEveryMs) {
              lastPersist = Date.now();
              await write({ content: text });
            }
            break;
          }
          case 'tool-call':
            toolCalls.push(event.call);
            break;
          case 'provider':
            if (event.provider !== answering.provider || event.model !== answering.model) await write({ provider: event.provider, model: event.model });
            answering = { provider: event.provider, model: event.model, linkId: event.linkId };
            break;
          case 'fallback':
            fallbacks.push(event.note);
            emit({ type: 'fallback', assistantMessageId, note: event.note });
            await write({ fallbacks: [...fallbacks] });
            break;
          case 'usage':
            usage = { inputTokens: (usage?.inputTokens ?? 0) + event.inputTokens, outputTokens: (usage?.outputTokens ?? 0) + event.outputTokens };
            break;
          case 'warning':
            // Providers without JSON-schema mode still get the format from the instructions, and a
            // reply that ignores it is kept as a plain answer: not worth a warning on every turn.
            if (responseFormat && /JSON schema output/.test(event.message)) break;
            emit({ type: 'warning', assistantMessageId, message: event.message });
            break;
          case 'finish':
            if (event.reason === 'length') {
              emit({ type: 'warning', assistantMessageId, message: 'The answer hit the model’s length limit and may be cut short.' });
            }
            break;
          case 'error':
            failure = event.error;
            break;
        }
      }
      if (failure) {
        await started;
        throw failure;
      }
      if (toolCalls.length === 0 || !investigation) break;
      // The model asked for tools: run them (read-only) and hand the results back.
      messages.push({ role: 'assistant', content: extractor.raw(), toolCalls });
      const outcomes: ToolOutcome[] = [];
      for (const call of toolCalls) {
        const outcome = await executeAgentTool(call, {
          db,
          caseId,
          state: investigation.state,
          ...(deps.searchKnowledge ? { searchKnowledge: (query: string) => deps.searchKnowledge!(query, caseId) } : {}),
        });
        outcomes.push(outcome);
        messages.push({
          role: 'tool',
          toolCallId: call.id,
          toolName: call.name,
          content: outcome.kind === 'result' ? outcome.content : 'The engineer will answer in their next message.',
          ...(outcome.kind === 'result' && outcome.isError ? { isError: true } : {}),
        });
      }
      const ask = outcomes.find((o) => o.kind === 'ask-user');
      if (ask?.kind === 'ask-user') {
        askedUser = ask.options.length ? `${ask.question}\n\n${ask.options.map((o) => `- ${o}`).join('\n')}` : ask.question;
        break;
      }
      extractor.reset();
    }
    await started;
    if (startFailure) throw startFailure;
    if (askedUser !== undefined) {
      emit({ type: 'text-delta', assistantMessageId, delta: askedUser, offset: text.length });
      text += askedUser;
    }
    if (investigation && question) {
      // Applies the state updates through the engines and persists them; the stored answer is
      // the validated one (the same text that streamed, when the reply was well formed).
      const completed = await completeInvestigationTurn(db, caseId, question.id, askedUser !== undefined ? '' : extractor.raw(), text);
      text = completed.answer || text;
    }

    const info = chain.modelInfo?.(answering.linkId);
    let usageEstimated = false;
    if (!usage) {
      // Some servers (older Ollama, custom proxies) report no usage: count it ourselves.
      const model = info ?? { family: 'open-weights' as const };
      usage = { inputTokens: (await tokens.countMessages(messages, model)).tokens, outputTokens: (await tokens.count(text, model)).tokens };
      usageEstimated = true;
    }
    const costUsd = info ? estimateCostUsd(info, usage) : undefined;
    await write({
      content: text,
      status: 'complete',
      usage,
      ...(usageEstimated ? { usageEstimated } : {}),
      ...(costUsd !== undefined ? { costUsd } : {}),
      ...(fallbacks.length ? { fallbacks } : {}),
    });
    await touchCase(db, kase.id);
    emit({ type: 'finish', assistantMessageId, usage });
  } catch (error) {
    const stopped = signal.aborted || (error instanceof ProviderError && error.kind === 'aborted');
    const message = stopped ? 'Stopped. Retry to get a full answer.' : describeTurnError(error, text.length > 0);
    const serialized = turnError(error, message);
    await write({
      content: text,
      status: stopped || text ? 'interrupted' : 'error',
      error: message,
      errorCode: serialized.code,
      ...(fallbacks.length ? { fallbacks } : {}),
    });
    emit({ type: 'error', assistantMessageId, error: serialized });
  }
}

/** The pre-turn knowledge query: the question with the case's context (knowledge-query.ts). */
function turnKnowledgeQuery(kase: Parameters<typeof readCaseState>[0], question: string, evidence: { text: string; createdAt: number }[]): string {
  const { problem } = readCaseState(kase).state;
  return knowledgeQuery({
    title: kase.title,
    problem: problem.confirmed ?? problem.proposed,
    question,
    evidenceTexts: [...evidence].sort((a, b) => b.createdAt - a.createdAt).map((e) => e.text),
  });
}

function describeTurnError(error: unknown, partial: boolean): string {
  if (error instanceof ProviderError) {
    const text = describeProviderError(error);
    // After the first token nothing is retried behind the user's back: say what to do.
    return partial && (error.kind === 'stream-cut' || error.kind === 'bad-response' || error.kind === 'timeout' || error.kind === 'network')
      ? `${text}. The answer above is incomplete; Retry writes it again in place.`
      : text;
  }
  return error instanceof Error ? error.message : String(error);
}

function turnError(error: unknown, message: string): SerializedError {
  if (error instanceof ProviderError) {
    return { name: error.name, message, code: error.kind === 'locked' ? 'locked' : 'provider-error' };
  }
  return { ...serializeError(error), message };
}
