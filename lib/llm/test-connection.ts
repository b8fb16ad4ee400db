import type { ConnectionTestResult } from '@/lib/messaging/protocol';
import type { LanguageModel } from './model';
import { ProviderError } from './model';

/** Makes the smallest real call the provider accepts and reports its latency or exact error. */
export async function testConnection(model: LanguageModel, timeoutMs = 20_000): Promise<ConnectionTestResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  let reply = '';
  try {
    for await (const event of model.stream({
      messages: [{ role: 'user', content: 'Reply with the single word: pong' }],
      maxOutputTokens: 16,
      signal,
    })) {
      if (event.type === 'text-delta') reply += event.text;
    }
    return { ok: true, latencyMs: Math.round(performance.now() - started), model: model.model, reply: reply.trim().slice(0, 200) };
  } catch (error) {
    const message =
      error instanceof ProviderError
        ? `${error.message}${error.status ? ` (HTTP ${error.status})` : ''}`
        : error instanceof Error
          ? error.message
          : String(error);
    return { ok: false, latencyMs: Math.round(performance.now() - started), model: model.model, error: message };
  }
}
