import { ProviderError, type ModelRequest } from '../model';
import type { ChainLink } from '../fallback/fallback-chain';
import type { ModelInfo } from './model-catalog';
import type { TokenCounter } from './token-counter';

/** Room kept for the answer when the caller sets no output budget. */
const DEFAULT_ANSWER_RESERVE = 1024;
/** An estimate (not a real tokenizer) may be this much too high before we refuse on it. */
const ESTIMATE_TOLERANCE = 1.2;

/**
 * The chain's context-window check: a prompt that cannot fit a provider's model skips that
 * provider with a clear reason instead of costing a doomed request. The cheap estimate
 * decides when the prompt is clearly small; the real tokenizer (OpenAI family) only runs
 * near the limit, so the common case adds microseconds to a turn, not a tokenizer load.
 */
export function contextCheck(counter: TokenCounter, infoOf: (link: ChainLink) => ModelInfo | undefined) {
  return async (link: ChainLink, request: ModelRequest): Promise<ProviderError | undefined> => {
    const info = infoOf(link);
    if (!info?.contextWindow) return undefined;
    const reserve = Math.min(request.maxOutputTokens ?? DEFAULT_ANSWER_RESERVE, Math.floor(info.contextWindow / 4));
    const budget = info.contextWindow - reserve;
    if (counter.estimateMessages(request.messages, info) < budget * 0.8) return undefined;
    const counted = await counter.countMessages(request.messages, info);
    const limit = counted.exact ? budget : budget * ESTIMATE_TOLERANCE;
    if (counted.tokens <= limit) return undefined;
    return new ProviderError(
      'context-too-long',
      `The conversation is ${counted.exact ? '' : 'about '}${counted.tokens.toLocaleString('en-US')} tokens; ${link.model.model} holds ${info.contextWindow.toLocaleString('en-US')} including the answer.`,
    );
  };
}
