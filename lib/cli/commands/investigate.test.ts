import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { runCli } from '../main';

let llm: LlmServer;
let dir: string;
beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-investigate-'));
});
afterAll(async () => {
  await llm.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('faultmaven investigate', () => {
  it('runs the real turn loop headless and prints the answer with the engines’ case state', async () => {
    const log = path.join(dir, 'app.log');
    fs.writeFileSync(log, '2026-11-24 14:02:11 ERROR checkout-api TimeoutError: acquiring connection\n'.repeat(20));
    const { code, out } = await cli(['investigate', '--base-url', llm.openaiBaseUrl, '--model', 'scripted/default', '--key', 'k', '--evidence', log, '--json', 'checkout times out, why?']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.answers[0].status).toBe('complete');
    expect(report.answers[0].answer).toMatch(/^## Likely cause: connection pool exhaustion/);
    expect(report.state.turn).toBe(1);
    expect(report.state.evidence.map((e: { label: string }) => e.label)).toEqual(['E1']);
    expect(report.state.hypotheses.map((h: { statement: string }) => h.statement)).toContain('The database connection pool (maxPoolSize 10) is exhausted under load');
    expect(report.state.problem.proposed).toMatch(/checkout-api requests time out/);
    // The evidence file reached the model as fenced, untrusted data.
    const sent = JSON.stringify(llm.requests.at(-1)!.body);
    expect(sent).toContain('TimeoutError: acquiring connection');
  });

  it('explains bad input', async () => {
    expect((await cli(['investigate', '--model', 'm'])).code).toBe(2);
    const binary = path.join(dir, 'core.bin');
    fs.writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0]));
    const result = await cli(['investigate', '--base-url', llm.openaiBaseUrl, '--model', 'scripted/default', '--key', 'k', '--evidence', binary, 'q']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/looks binary/);
  });
});
