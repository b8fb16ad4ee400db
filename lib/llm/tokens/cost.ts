import type { Usage } from '../model';
import type { ModelInfo } from './model-catalog';

/** Estimated price of one call in US dollars, or undefined when the model's price is unknown. */
export function estimateCostUsd(model: ModelInfo, usage: Usage): number | undefined {
  if (!model.price) return undefined;
  return (usage.inputTokens * model.price.input + usage.outputTokens * model.price.output) / 1_000_000;
}

/** Sum over a case's answers; answers from models without a price are left out (and counted). */
export function caseCost(messages: readonly { costUsd?: number; usage?: Usage }[]): { usd: number; tokens: number; unpriced: number } {
  let usd = 0;
  let tokens = 0;
  let unpriced = 0;
  for (const m of messages) {
    if (!m.usage) continue;
    tokens += m.usage.inputTokens + m.usage.outputTokens;
    if (m.costUsd === undefined) unpriced++;
    else usd += m.costUsd;
  }
  return { usd, tokens, unpriced };
}

/** "$0.0042", "<$0.0001", "$1.27": enough precision to tell cheap from expensive. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}
