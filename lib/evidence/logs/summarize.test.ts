import { describe, expect, it } from 'vitest';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { analyzeLogText } from './log-analyzer';
import { rankTemplates } from './rank';
import { summarizeLog } from './summarize';
import { estimateTokens } from './token-estimate';

const tokenizer = new Tiktoken(cl100k);

/** Two hours of chatter from many components, a burst of one new error, a rare fatal line. */
function bigLog(): string {
  const lines: string[] = [];
  const services = ['orders', 'payments', 'inventory', 'search', 'auth', 'cart', 'shipping', 'email'];
  for (let minute = 0; minute < 120; minute++) {
    const hh = String(12 + Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    for (let k = 0; k < 20; k++) {
      const svc = services[k % services.length]!;
      lines.push(`2024-06-10 ${hh}:${mm}:${String(k * 2).padStart(2, '0')} INFO  [worker-${k}] c.a.${svc}.Handler - handled request ${minute * 100 + k} for tenant t${k % 7} in ${k + 3} ms`);
      if (k % 5 === 0) lines.push(`2024-06-10 ${hh}:${mm}:${String(k * 2 + 1).padStart(2, '0')} DEBUG [gc] c.a.jvm.Gc - young gen collected ${k * 13} MB in ${k} ms`);
    }
    if (minute >= 100 && minute < 104) {
      for (let k = 0; k < 30; k++) lines.push(`2024-06-10 ${hh}:${mm}:${String(k).padStart(2, '0')} ERROR [worker-3] c.a.payments.Gateway - charge ${9000 + k} failed: upstream 10.0.3.${k} reset by peer`);
    }
    if (minute === 110) lines.push(`2024-06-10 ${hh}:${mm}:59 FATAL [main] c.a.db.Pool - connection pool exhausted, shutting down`);
  }
  return lines.join('\n');
}

describe('summary', () => {
  const analysis = analyzeLogText(bigLog());

  it('fits the token budget, counted by a real tokenizer', () => {
    for (const budget of [200, 500, 1500, 4000]) {
      const summary = summarizeLog(analysis, { tokenBudget: budget });
      expect(tokenizer.encode(summary).length).toBeLessThanOrEqual(budget);
      expect(estimateTokens(summary)).toBeLessThanOrEqual(budget);
    }
  });

  it('leads with the lines an engineer looks at first', () => {
    const summary = summarizeLog(analysis, { tokenBudget: 500 });
    expect(summary).toMatch(/^Log summary: [\d,]+ lines in \d+ templates, 2024-06-10T12:00:00 → 2024-06-10T13:59:/);
    expect(summary).toMatch(/Levels: FATAL 1, ERROR 120, INFO 2,400, DEBUG 480/);
    expect(summary).toMatch(/busiest minutes \(errors\/lines\): 13:4[0-3] 30\//);
    const fatal = summary.indexOf('connection pool exhausted');
    const charge = summary.indexOf('charge <*> failed');
    expect(fatal).toBeGreaterThan(0);
    expect(charge).toBeGreaterThan(fatal);
    // A real line is quoted for the top errors.
    expect(summary).toMatch(/e\.g\. line \d+: 2024-06-10 13:50:59 FATAL/);
    // Routine INFO chatter comes after the errors, if at all.
    const info = summary.indexOf('handled request');
    expect(info === -1 || info > charge).toBe(true);
  });

  it('ranks by severity, then novelty and bursts', () => {
    const ranked = rankTemplates(analysis);
    expect(ranked[0]!.template.level).toBe('FATAL');
    const charge = ranked.find((r) => r.template.template.includes('charge'))!;
    expect(charge.novel).toBe(true);
    expect(charge.burst).toBe(false); // 30 a minute, but for all of its four minutes: steady, not a burst
    expect(ranked.at(-1)!.template.level).toBe('DEBUG');
  });

  it('says how much did not fit', () => {
    expect(summarizeLog(analysis, { tokenBudget: 200 })).toMatch(/more templates? covering [\d,]+ lines? omitted/);
  });

  it('token estimate over-counts log text rather than under-counts it', () => {
    const text = bigLog().slice(0, 20_000);
    const real = tokenizer.encode(text).length;
    expect(estimateTokens(text)).toBeGreaterThanOrEqual(real);
    expect(estimateTokens(text)).toBeLessThan(real * 1.3);
  });
});
