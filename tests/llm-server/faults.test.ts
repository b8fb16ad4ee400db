// Scripted faults as the real SDKs see them: vendor error bodies, Retry-After,
// dropped streams, garbage SSE, hung requests and auth failures.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from './server.ts';
import { caught, scenarioReply } from './test-support.ts';

let server: LlmServer;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  server = await startLlmServer();
  openai = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'sk-x', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'sk-ant-x', maxRetries: 0 });
});
afterAll(() => server.close());

const user = (content: string) => [{ role: 'user' as const, content }];
/** Each test gets fresh cursors for the checked-in scenarios it uses. */
const fresh = (): void => server.resetCursors();

describe('rate limit', () => {
  it('OpenAI: 429 with Retry-After and an OpenAI error body, then the normal reply', async () => {
    fresh();
    const err = await caught(() => openai.chat.completions.create({ model: 'scripted/rate-limit-then-ok', messages: user('x') }));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const apiError = err as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(429);
    expect(apiError.headers?.get('retry-after')).toBe('1');
    expect(apiError.code).toBe('rate_limit_exceeded');
    expect(apiError.message).toContain('rate-limit-then-ok');

    const ok = await openai.chat.completions.create({ model: 'scripted/rate-limit-then-ok', messages: user('x') });
    expect(ok.choices[0]?.message.content).toBe(scenarioReply('rate-limit-then-ok', 1).text);
  });

  it('Anthropic: 429 rate_limit_error with Retry-After', async () => {
    fresh();
    const err = await caught(() =>
      anthropic.messages.create({ model: 'scripted/rate-limit-then-ok', max_tokens: 50, messages: user('x') }),
    );
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    const apiError = err as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBe(429);
    expect(apiError.headers?.get('retry-after')).toBe('1');
    expect(apiError.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('the SDK retry honours Retry-After and then succeeds', async () => {
    fresh();
    const retrying = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'sk-x', maxRetries: 1 });
    const started = Date.now();
    const ok = await retrying.chat.completions.create({ model: 'scripted/rate-limit-then-ok', messages: user('x') });
    expect(ok.choices[0]?.message.content).toBe(scenarioReply('rate-limit-then-ok', 1).text);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('server errors', () => {
  it('500 in both vendor formats', async () => {
    const oa = (await caught(() => openai.chat.completions.create({ model: 'scripted/server-error', messages: user('x') }))) as InstanceType<
      typeof OpenAI.APIError
    >;
    expect(oa).toBeInstanceOf(OpenAI.InternalServerError);
    expect(oa.status).toBe(500);
    expect(oa.type).toBe('server_error');

    const an = (await caught(() =>
      anthropic.messages.create({ model: 'scripted/server-error', max_tokens: 50, messages: user('x') }),
    )) as InstanceType<typeof Anthropic.APIError>;
    expect(an).toBeInstanceOf(Anthropic.InternalServerError);
    expect(an.status).toBe(500);
    expect(an.type).toBe('api_error');
  });

  it('overloaded is 503 for OpenAI and 529 overloaded_error for Anthropic', async () => {
    const oa = (await caught(() => openai.chat.completions.create({ model: 'scripted/overloaded', messages: user('x') }))) as InstanceType<
      typeof OpenAI.APIError
    >;
    expect(oa.status).toBe(503);
    const an = (await caught(() =>
      anthropic.messages.create({ model: 'scripted/overloaded', max_tokens: 50, messages: user('x') }),
    )) as InstanceType<typeof Anthropic.APIError>;
    expect(an.status).toBe(529);
    expect(an.type).toBe('overloaded_error');
  });
});

describe('cut stream', () => {
  const expectedPieces = scenarioReply('cut-stream').cutAfterChunks ?? 0;

  it('OpenAI: iteration throws after the scripted number of chunks, without [DONE]', async () => {
    const stream = await openai.chat.completions.create({ model: 'scripted/cut-stream', messages: user('x'), stream: true });
    const pieces: string[] = [];
    const err = await caught(async () => {
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) pieces.push(content);
      }
    });
    expect(err).toBeInstanceOf(Error);
    expect(pieces).toHaveLength(expectedPieces);
  });

  it('Anthropic: messages.stream() rejects finalMessage()', async () => {
    const stream = anthropic.messages.stream({ model: 'scripted/cut-stream', max_tokens: 50, messages: user('x') });
    let text = '';
    stream.on('text', (delta) => {
      text += delta;
    });
    stream.on('error', () => {}); // finalMessage() below reports it
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(scenarioReply('cut-stream').text?.length ?? 0);
  });

  it('non-streaming: half a body then a dropped connection is a connection error', async () => {
    const err = await caught(() => openai.chat.completions.create({ model: 'scripted/cut-stream', messages: user('x') }));
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(OpenAI.APIError);
  });
});

describe('malformed JSON', () => {
  // The SDKs log the unparseable line before throwing; the throw is what we assert.
  const quietOpenai = (): OpenAI => new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'k', maxRetries: 0, logLevel: 'off' });
  const quietAnthropic = (): Anthropic =>
    new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'k', maxRetries: 0, logLevel: 'off' });

  it('OpenAI stream: a garbage data: line makes iteration throw a SyntaxError', async () => {
    const stream = await quietOpenai().chat.completions.create({ model: 'scripted/malformed-json', messages: user('x'), stream: true });
    const err = await caught(async () => {
      for await (const chunk of stream) void chunk;
    });
    expect(err).toBeInstanceOf(SyntaxError);
  });

  it('Anthropic stream: a garbage event makes the stream fail', async () => {
    const stream = await quietAnthropic().messages.create({
      model: 'scripted/malformed-json',
      max_tokens: 50,
      messages: user('x'),
      stream: true,
    });
    const err = await caught(async () => {
      for await (const event of stream) void event;
    });
    expect(err).toBeInstanceOf(SyntaxError);
  });

  it('the stream carries on after the garbage line, for clients that skip bad lines', async () => {
    const response = await fetch(`${server.openaiBaseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'scripted/malformed-json', stream: true, messages: user('x') }),
    });
    const events = (await response.text()).split('\n\n').filter(Boolean);
    const bad = events.findIndex((event) => {
      try {
        JSON.parse(event.replace(/^data: /, ''));
        return false;
      } catch {
        return !event.includes('[DONE]');
      }
    });
    // role chunk + the scripted number of good chunks come first.
    expect(bad).toBe(1 + (scenarioReply('malformed-json').cutAfterChunks ?? 0));
    expect(events.at(-1)).toBe('data: [DONE]');
  });

  it('Anthropic non-streaming JSON reply: text is truncated JSON', async () => {
    const message = await anthropic.messages.create({
      model: 'scripted/malformed-json',
      max_tokens: 50,
      messages: user('x'),
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
    });
    const block = message.content[0];
    expect(block?.type).toBe('text');
    expect(() => JSON.parse(block?.type === 'text' ? block.text : '')).toThrow(SyntaxError);
  });

  it('non-streaming JSON-schema reply: content is truncated JSON', async () => {
    const completion = await openai.chat.completions.create({
      model: 'scripted/malformed-json',
      messages: user('x'),
      response_format: { type: 'json_schema', json_schema: { name: 'triage', schema: { type: 'object' } } },
    });
    const content = completion.choices[0]?.message.content ?? '';
    expect(content.startsWith('{"summary"')).toBe(true);
    expect(() => JSON.parse(content)).toThrow(SyntaxError);
  });
});

describe('timeout', () => {
  it('OpenAI: the client timeout fires because the server never answers', async () => {
    const err = await caught(() =>
      openai.chat.completions.create({ model: 'scripted/timeout', messages: user('x') }, { timeout: 300 }),
    );
    expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it('Anthropic: an AbortSignal aborts the hung request', async () => {
    const err = await caught(() =>
      anthropic.messages.create(
        { model: 'scripted/timeout', max_tokens: 50, messages: user('x') },
        { signal: AbortSignal.timeout(300) },
      ),
    );
    expect(err).toBeInstanceOf(Anthropic.APIUserAbortError);
  });

  it('close() drops hung requests instead of waiting for them', async () => {
    const own = await startLlmServer({ scenario: 'timeout' });
    const client = new OpenAI({ baseURL: own.openaiBaseUrl, apiKey: 'k', maxRetries: 0 });
    const pending = caught(() => client.chat.completions.create({ model: 'm', messages: user('x') }));
    await expect.poll(() => own.requests.length).toBe(1);
    await own.close();
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(own.requests[0]).toMatchObject({ outcome: 'timeout', status: null });
  });
});

describe('auth', () => {
  let locked: LlmServer;
  beforeAll(async () => {
    locked = await startLlmServer({ apiKey: 'sk-right' });
  });
  afterAll(() => locked.close());

  it('OpenAI: wrong Bearer key is 401 invalid_api_key; the right one works', async () => {
    const wrong = new OpenAI({ baseURL: locked.openaiBaseUrl, apiKey: 'sk-wrong', maxRetries: 0 });
    const err = (await caught(() => wrong.chat.completions.create({ model: 'm', messages: user('x') }))) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err.code).toBe('invalid_api_key');
    const right = new OpenAI({ baseURL: locked.openaiBaseUrl, apiKey: 'sk-right', maxRetries: 0 });
    const ok = await right.chat.completions.create({ model: 'm', messages: user('x') });
    expect(ok.choices[0]?.message.content).toBeTruthy();
  });

  it('Anthropic: wrong x-api-key is 401 authentication_error; the right one works', async () => {
    const wrong = new Anthropic({ baseURL: locked.anthropicBaseUrl, apiKey: 'sk-wrong', maxRetries: 0 });
    const err = (await caught(() => wrong.messages.create({ model: 'm', max_tokens: 9, messages: user('x') }))) as InstanceType<
      typeof Anthropic.APIError
    >;
    expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(err.type).toBe('authentication_error');
    const right = new Anthropic({ baseURL: locked.anthropicBaseUrl, apiKey: 'sk-right', maxRetries: 0 });
    const ok = await right.messages.create({ model: 'm', max_tokens: 9, messages: user('x') });
    expect(ok.content[0]?.type).toBe('text');
  });

  it('a missing key is 401 too', async () => {
    const response = await fetch(`${locked.openaiBaseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: user('x') }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
  });

  it('the "auth" fault is a 401 even without a configured key', async () => {
    server.addScenario('auth-fault', { replies: [{ fault: 'auth', repeat: true }] });
    const err = (await caught(() => openai.chat.completions.create({ model: 'scripted/auth-fault', messages: user('x') }))) as InstanceType<
      typeof OpenAI.APIError
    >;
    expect(err.status).toBe(401);
  });
});
