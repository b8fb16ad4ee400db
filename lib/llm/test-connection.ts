import type { ConnectionTestResult } from '@/lib/messaging/protocol';
import { describeProviderError, ProviderError, type LanguageModel } from './model';

/** Makes the smallest real call the provider accepts and reports its latency or exact error. */
export async function testConnection(model: LanguageModel, timeoutMs = 20_000): Promise<ConnectionTestResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  let reply = '';
  let failure: unknown;
  try {
    for await (const event of model.stream({
      messages: [{ role: 'user', content: 'Reply with the single word: pong' }],
      maxOutputTokens: 16,
      signal,
    })) {
      if (event.type === 'text-delta') reply += event.text;
      else if (event.type === 'error') failure = event.error;
    }
  } catch (error) {
    failure = error;
  }
  const latencyMs = Math.round(performance.now() - started);
  if (failure === undefined) return { ok: true, latencyMs, model: model.model, reply: reply.trim().slice(0, 200) };
  const message =
    failure instanceof ProviderError
      ? signal.aborted
        ? `No answer within ${Math.round(timeoutMs / 1000)} s`
        : describeProviderError(failure)
      : failure instanceof Error
        ? failure.message
        : String(failure);
  return { ok: false, latencyMs, model: model.model, error: message };
}
