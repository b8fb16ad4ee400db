import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { scenarioReply } from '@/tests/llm-server/test-support';
import { createOpenAICompatibleModel } from '../openai-compatible';
import { lookupModel } from './model-catalog';
import { estimateTokens, TokenCounter } from './token-counter';
import { importRanks } from './node-rank-loader';
import { caseCost, estimateCostUsd, formatUsd } from './cost';
import { contextCheck } from './context-check';

const gpt4o = lookupModel('openai', 'gpt-4o');

describe('token counting', () => {
  it('counts OpenAI models exactly, loading the tokenizer once and only when needed', async () => {
    const loader = vi.fn(importRanks);
    const counter = new TokenCounter(loader);
    expect(await counter.count('hello world', gpt4o)).toEqual({ tokens: 2, exact: true });
    expect((await counter.count('kubectl rollout undo deploy/checkout-api', gpt4o)).exact).toBe(true);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(await counter.count('hello world', lookupModel('anthropic', 'claude-sonnet-4-5'))).toMatchObject({ exact: false });
    expect(loader).toHaveBeenCalledTimes(1);
    // Legacy models use their own encoding.
    await counter.count('hello', lookupModel('openai', 'gpt-3.5-turbo'));
    expect(loader).toHaveBeenLastCalledWith('cl100k_base');
  });

  it('falls back to the estimate when no tokenizer can be loaded', async () => {
    const counter = new TokenCounter(async () => {
      throw new Error('offline');
    });
    const count = await counter.count('hello world', gpt4o);
    expect(count.exact).toBe(false);
    expect(count.tokens).toBeGreaterThan(0);
  });

  it('keeps the calibrated estimate within 20 % of the real tokenizer on prose, code, Markdown and logs', async () => {
    const counter = new TokenCounter(importRanks);
    const log = Array.from(
      { length: 60 },
      (_, i) => `2024-03-0${(i % 9) + 1}T14:0${i % 10}:12.${100 + i}Z ERROR [checkout-api-7f9c${i}] pool=db-primary acquire timeout after 5000ms (active=10/10, waiting=${i * 3})`,
    ).join('\n');
    const samples = {
      prose: fs.readFileSync('README.md', 'utf8'),
      code: fs.readFileSync('lib/llm/fallback/fallback-chain.ts', 'utf8'),
      markdown: scenarioReply('slow-stream').text!,
      log,
    };
    for (const [kind, text] of Object.entries(samples)) {
      const exact = (await counter.count(text, gpt4o)).tokens;
      const estimate = estimateTokens(text, 'openai');
      expect(Math.abs(estimate - exact) / exact, `${kind}: estimate ${estimate}, exact ${exact}`).toBeLessThan(0.2);
      // The naive rule the estimate replaces is much worse on logs.
      if (kind === 'log') expect(Math.abs(text.length / 4 - exact) / exact).toBeGreaterThan(0.2);
    }
  });

  it('estimates more tokens for Claude than for OpenAI on the same text', () => {
    const text = 'The checkout service returns 502 after the deploy at 14:02.';
    expect(estimateTokens(text, 'anthropic')).toBeGreaterThan(estimateTokens(text, 'openai'));
    expect(estimateTokens('', 'openai')).toBe(0);
    expect(estimateTokens('日本語のログ', 'openai')).toBeGreaterThanOrEqual(6);
  });
});

describe('model catalog and cost', () => {
  it('knows context windows and prices by bare model name and host', () => {
    expect(lookupModel('openrouter', 'openai/gpt-4o-mini')).toMatchObject({ contextWindow: 128_000, price: { input: 0.15, output: 0.6 }, encoding: 'o200k_base' });
    expect(lookupModel('anthropic', 'claude-sonnet-4-5')).toMatchObject({ family: 'anthropic', contextWindow: 200_000, price: { input: 3, output: 15 } });
    expect(lookupModel('fireworks', 'accounts/fireworks/models/llama-v3p3-70b-instruct').price).toEqual({ input: 0.9, output: 0.9 });
    expect(lookupModel('groq', 'llama-3.3-70b-versatile').price).toEqual({ input: 0.59, output: 0.79 });
    expect(lookupModel('ollama', 'llama3.1')).toEqual({ family: 'open-weights', price: { input: 0, output: 0 } });
    expect(lookupModel('custom', 'scripted/default')).toEqual({ family: 'open-weights' });
  });

  it('estimates the cost of a turn and of a case', () => {
    expect(estimateCostUsd(gpt4o, { inputTokens: 10_000, outputTokens: 1_000 })).toBeCloseTo(0.035, 6);
    expect(estimateCostUsd(lookupModel('custom', 'x'), { inputTokens: 1, outputTokens: 1 })).toBeUndefined();
    expect(caseCost([{ costUsd: 0.01, usage: { inputTokens: 100, outputTokens: 10 } }, { usage: { inputTokens: 5, outputTokens: 5 } }, {}])).toEqual({
      usd: 0.01,
      tokens: 120,
      unpriced: 1,
    });
    expect([0, 0.00001, 0.0042, 1.2345].map(formatUsd)).toEqual(['$0', '<$0.0001', '$0.0042', '$1.23']);
  });

  it('refuses a prompt that cannot fit the model, and only tokenizes near the limit', async () => {
    const loader = vi.fn(importRanks);
    const check = contextCheck(new TokenCounter(loader), () => lookupModel('openai', 'gpt-4'));
    const link = { id: 'a', model: createOpenAICompatibleModel({ label: 'OpenAI', baseUrl: 'http://127.0.0.1:9/v1', apiKey: '', model: 'gpt-4', kind: 'openai' }) };
    expect(await check(link, { messages: [{ role: 'user', content: 'short question' }] })).toBeUndefined();
    expect(loader).not.toHaveBeenCalled();
    const huge = 'connection reset by peer while reading response header from upstream '.repeat(1200);
    const error = await check(link, { messages: [{ role: 'user', content: huge }] });
    expect(error).toMatchObject({ kind: 'context-too-long' });
    expect(error!.message).toMatch(/^The conversation is [\d,]+ tokens; gpt-4 holds 8,192/);
    expect(loader).toHaveBeenCalledTimes(1);
  });
});
