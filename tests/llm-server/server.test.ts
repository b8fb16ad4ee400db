// Server plumbing: scenario selection and cursors, admin API, CORS, request
// recording, scenario validation, and the CLI.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scenarioSchema } from './scenario-schema.ts';
import { DEFAULT_SCENARIOS_DIR, startLlmServer, type LlmServer } from './server.ts';
import { caught, scenarioReply } from './test-support.ts';

let server: LlmServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startLlmServer();
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'sk-secret-value', maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.setScenario('default');
  server.resetCursors();
  server.clearRequests();
});

const user = (content: string) => [{ role: 'user' as const, content }];
const ask = async (opts: { model?: string; text?: string; headers?: Record<string, string> } = {}): Promise<string | null | undefined> => {
  const completion = await client.chat.completions.create(
    { model: opts.model ?? 'gpt-4o', messages: user(opts.text ?? 'hi') },
    opts.headers ? { headers: opts.headers } : {},
  );
  return completion.choices[0]?.message.content;
};

describe('scenario selection', () => {
  it('listens on 127.0.0.1 and exposes the base URLs', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.openaiBaseUrl).toBe(`${server.url}/v1`);
    expect(server.anthropicBaseUrl).toBe(server.url);
  });

  it('uses the default scenario, then model scripted/<name>, then the x-fm-scenario header', async () => {
    server.addScenario('one', { replies: [{ text: 'from one', repeat: true }] });
    server.addScenario('two', { replies: [{ text: 'from two', repeat: true }] });
    expect(await ask()).toBe(scenarioReply('default').text);
    expect(await ask({ model: 'scripted/one' })).toBe('from one');
    expect(await ask({ model: 'scripted/one', headers: { 'x-fm-scenario': 'two' } })).toBe('from two');
  });

  it('setScenario changes the default and rewinds that scenario', async () => {
    server.addScenario('once', { replies: [{ text: 'only once' }] });
    server.setScenario('once');
    expect(server.scenario).toBe('once');
    expect(await ask()).toBe('only once');
    server.setScenario('once');
    expect(await ask()).toBe('only once');
    expect(() => server.setScenario('no-such-scenario')).toThrow(/Unknown scenario/);
  });

  it('consumes replies in order, honours match, and keeps repeat replies', async () => {
    server.addScenario('ordered', {
      replies: [
        { match: { lastUser: 'disk' }, text: 'disk answer' },
        { text: 'first' },
        { text: 'second' },
        { text: 'fallback', repeat: true },
      ],
    });
    const model = 'scripted/ordered';
    expect(await ask({ model, text: 'hello' })).toBe('first');
    expect(await ask({ model, text: 'DISK is full' })).toBe('disk answer');
    expect(await ask({ model, text: 'disk again' })).toBe('second');
    expect(await ask({ model })).toBe('fallback');
    expect(await ask({ model })).toBe('fallback');
    server.resetCursors();
    expect(await ask({ model, text: 'hello' })).toBe('first');
  });

  it('fails loudly, naming the scenario, when no reply matches', async () => {
    server.addScenario('strict', { replies: [{ match: { protocol: 'anthropic' }, text: 'x' }] });
    const err = (await caught(() => ask({ model: 'scripted/strict' }))) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.code).toBe('scenario_no_match');
    expect(err.message).toContain('Scenario "strict"');
    expect(err.message).toContain('protocol=openai');
  });

  it('rejects an unknown scenario with a 400 that lists the known ones', async () => {
    const err = (await caught(() => ask({ model: 'scripted/nope' }))) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(400);
    expect(err.code).toBe('scenario_not_found');
    expect(err.message).toContain('slow-stream');
  });

  it('re-reads scenario files, so edits apply without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-scenarios-'));
    try {
      const file = join(dir, 'default.json');
      writeFileSync(file, JSON.stringify({ replies: [{ text: 'before', repeat: true }] }));
      const own = await startLlmServer({ scenariosDir: dir });
      const ownClient = new OpenAI({ baseURL: own.openaiBaseUrl, apiKey: 'k', maxRetries: 0 });
      const say = async (): Promise<unknown> =>
        (await ownClient.chat.completions.create({ model: 'm', messages: user('x') })).choices[0]?.message.content;
      expect(await say()).toBe('before');
      writeFileSync(file, JSON.stringify({ replies: [{ text: 'after', repeat: true }] }));
      expect(await say()).toBe('after');
      writeFileSync(file, JSON.stringify({ replies: [{ txt: 'typo' }] }));
      const err = (await caught(say)) as InstanceType<typeof OpenAI.APIError>;
      expect(err.code).toBe('scenario_invalid');
      await own.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scenario schema', () => {
  it('accepts every checked-in scenario file', () => {
    const files = readdirSync(DEFAULT_SCENARIOS_DIR).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const result = scenarioSchema.safeParse(JSON.parse(readFileSync(join(DEFAULT_SCENARIOS_DIR, file), 'utf8')));
      expect(result.success, `${file}: ${result.error?.message}`).toBe(true);
    }
  });

  it('rejects typos and contradictory replies', () => {
    const bad = [
      { replies: [{ text: 'x', chunkDelay: 5 }] },
      { replies: [{ text: 'x', chunks: ['y'] }] },
      { replies: [{}] },
      { replies: [{ fault: 'cut-stream' }] },
      { replies: [{ text: 'x', retryAfter: 1 }] },
      { replies: [{ text: 'x', match: { lastUser: '(' } }] },
      { replies: [] },
    ];
    for (const scenario of bad) expect(scenarioSchema.safeParse(scenario).success, JSON.stringify(scenario)).toBe(false);
    expect(() => server.addScenario('bad', { replies: [{ fault: 'explode' as never }] })).toThrow(/Invalid inline scenario/);
  });

  it('streams slow-stream as about 40 chunks 150 ms apart', () => {
    const reply = scenarioReply('slow-stream');
    const chunks = Math.ceil((reply.text?.length ?? 0) / (reply.chunkChars ?? 1));
    expect(chunks).toBeGreaterThanOrEqual(38);
    expect(chunks).toBeLessThanOrEqual(42);
    expect(reply.chunkDelayMs).toBe(150);
  });
});

describe('timing', () => {
  it('applies firstByteDelayMs before the response and chunkDelayMs between chunks', async () => {
    server.addScenario('timed', { replies: [{ chunks: ['a', 'b', 'c'], firstByteDelayMs: 150, chunkDelayMs: 60, repeat: true }] });
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: 'scripted/timed', messages: user('x'), stream: true });
    const arrivals: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(Date.now() - started);
    expect(arrivals).toHaveLength(3);
    // Lower bounds only: the server cannot be early, but a busy client may read late and in bursts.
    expect(arrivals[0]).toBeGreaterThanOrEqual(145);
    expect(arrivals[2]).toBeGreaterThanOrEqual(150 + 2 * 60 - 5);
  });

  it('stops streaming when the client aborts mid-stream', async () => {
    const stream = await client.chat.completions.create({ model: 'scripted/slow-stream', messages: user('x'), stream: true });
    let pieces = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) pieces += 1;
      if (pieces === 2) stream.controller.abort();
    }
    expect(pieces).toBe(2);
    // slow-stream takes ~6 s in full; the server must notice the abort long before that.
    await expect.poll(() => server.requests[0]?.outcome, { timeout: 1000 }).toBe('ok (client aborted)');
    expect(server.requests[0]?.status).toBeNull();
  });
});

describe('recording', () => {
  it('records protocol, scenario, reply, status, parsed body and redacted headers', async () => {
    await ask({ text: 'record me', headers: { 'x-fm-scenario': 'default' } });
    expect(server.requests).toHaveLength(1);
    const [entry] = server.requests;
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      protocol: 'openai',
      scenario: 'default',
      replyIndex: 0,
      outcome: 'ok',
      status: 200,
      body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'record me' }] },
    });
    expect(entry?.headers['authorization']).toBe('<redacted>');
    expect(JSON.stringify(entry)).not.toContain('sk-secret-value');
    expect(Date.parse(entry?.time ?? '')).not.toBeNaN();
  });
});

describe('HTTP admin API', () => {
  const admin = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const response = await fetch(`${server.url}/__admin/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: response.status, json: await response.json() };
  };

  it('health, scenario switch, inline scenario, requests and reset', async () => {
    expect(await admin('GET', 'health')).toMatchObject({ status: 200, json: { ok: true, scenario: 'default' } });
    expect(await admin('POST', 'scenarios/http-inline', { replies: [{ text: 'inline via http', repeat: true }] })).toMatchObject({
      status: 200,
    });
    expect(await admin('POST', 'scenario', { name: 'http-inline' })).toMatchObject({ status: 200, json: { scenario: 'http-inline' } });
    expect(await ask()).toBe('inline via http');
    const recorded = await admin('GET', 'requests');
    expect(recorded.json).toMatchObject([{ scenario: 'http-inline', outcome: 'ok' }]);
    expect(await admin('POST', 'reset')).toMatchObject({ status: 200 });
    expect((await admin('GET', 'requests')).json).toEqual([]);
    expect(await admin('POST', 'scenario', { name: 'missing' })).toMatchObject({ status: 400 });
  });
});

describe('CORS', () => {
  it('answers preflights with permissive headers, including Authorization', async () => {
    const response = await fetch(`${server.openaiBaseUrl}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefgh',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-stainless-os, anthropic-dangerous-direct-browser-access',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = response.headers.get('access-control-allow-headers') ?? '';
    for (const header of ['authorization', 'x-stainless-os', 'x-api-key', 'anthropic-version', 'anthropic-dangerous-direct-browser-access']) {
      expect(allowed).toContain(header);
    }
  });

  it('adds CORS headers to answers and errors alike', async () => {
    server.addScenario('cors-429', { replies: [{ fault: 'rate-limit', retryAfter: 3 }] });
    const response = await fetch(`${server.openaiBaseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'chrome-extension://abcdefgh' },
      body: JSON.stringify({ model: 'scripted/cors-429', messages: user('x') }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(response.headers.get('retry-after')).toBe('3');
  });

  it('answers unknown paths with a vendor-format 404', async () => {
    const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});

describe('cli', () => {
  it('starts, serves, and exits 0 on SIGTERM', async () => {
    const tsxCli = join(import.meta.dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = spawn(process.execPath, [tsxCli, join(import.meta.dirname, 'cli.ts'), '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => output, { timeout: 8000 }).toMatch(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
      expect(output).toContain('/v1');
      expect(output).toContain('scripted/default');
      const health = await fetch(`${url}/__admin/health`);
      expect(health.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 15_000);
});
