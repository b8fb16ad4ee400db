// Scripted local LLM server: speaks the OpenAI Chat Completions and Anthropic
// Messages wire formats so the real SDKs (and the extension) can be tested
// without a vendor. Replies come from scenario files; see README.md.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { handleAdmin, type AdminTarget } from './admin.ts';
import { anthropicModelList } from './anthropic-format.ts';
import { checkApiKey, handleCompletion, selectScenario, type RecordedRequest } from './handle-completion.ts';
import { answerPreflight, applyCorsHeaders, redactHeaders, sendJson } from './http-util.ts';
import { LlmHttpError, type Protocol } from './llm-request.ts';
import { openAiModelList } from './openai-format.ts';
import { randomId } from './reply-plan.ts';
import type { ScenarioInput } from './scenario-schema.ts';
import { ScenarioStore } from './scenario-store.ts';
import { protocolFromHeaders, sendVendorError } from './vendor-error.ts';

export type { RecordedRequest } from './handle-completion.ts';
export type { Scenario, ScenarioInput, Reply } from './scenario-schema.ts';

export interface LlmServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default scenario when a request names none. Default "default". */
  scenario?: string;
  /** Directory of <name>.json scenario files. Default: ./scenarios beside this file. */
  scenariosDir?: string;
  /** When set, every request must carry this key (scenarios may set their own). */
  apiKey?: string;
  /** Called with one line per finished request (the CLI prints them). */
  log?: (line: string) => void;
}

export interface LlmServer {
  /** e.g. http://127.0.0.1:8787 */
  readonly url: string;
  /** `${url}/v1` — the OpenAI SDK's baseURL. */
  readonly openaiBaseUrl: string;
  /** `url` — the Anthropic SDK appends /v1/messages itself. */
  readonly anthropicBaseUrl: string;
  readonly port: number;
  /** Current default scenario. */
  readonly scenario: string;
  /** Live log of /v1 requests, oldest first (capped at MAX_RECORDED). */
  readonly requests: RecordedRequest[];
  /** Makes `name` the default scenario and rewinds its cursor. Throws if it is unknown or invalid. */
  setScenario(name: string): void;
  /** Scenario files plus inline scenarios, sorted. */
  scenarioNames(): string[];
  /** Registers (or replaces) an in-memory scenario; it shadows a file of the same name. */
  addScenario(name: string, scenario: ScenarioInput): void;
  resetCursors(): void;
  clearRequests(): void;
  /** Stops listening and drops every open connection (including hung `timeout` requests). */
  close(): Promise<void>;
}

export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));
export const MAX_RECORDED = 1000;

const COMPLETION_ROUTES: Record<string, Protocol> = {
  '/v1/chat/completions': 'openai',
  '/v1/messages': 'anthropic',
};

export async function startLlmServer(opts: LlmServerOptions = {}): Promise<LlmServer> {
  const store = new ScenarioStore(opts.scenariosDir ?? DEFAULT_SCENARIOS_DIR);
  let defaultScenario = opts.scenario ?? 'default';
  store.load(defaultScenario); // fail at start-up, not on the first request
  const requests: RecordedRequest[] = [];
  let url = '';

  const api = {
    get url(): string {
      return url;
    },
    get scenario(): string {
      return defaultScenario;
    },
    requests,
    scenarioNames: (): string[] => store.names(),
    setScenario(name: string): void {
      store.load(name);
      store.reset(name);
      defaultScenario = name;
    },
    addScenario: (name: string, scenario: unknown): void => store.add(name, scenario),
    resetCursors: (): void => store.reset(),
    clearRequests(): void {
      requests.length = 0;
    },
  } satisfies AdminTarget;

  function record(req: IncomingMessage, path: string, protocol: Protocol | null): RecordedRequest {
    const entry: RecordedRequest = {
      time: new Date().toISOString(),
      method: req.method ?? 'GET',
      path,
      protocol,
      scenario: null,
      replyIndex: null,
      outcome: 'pending',
      status: null,
      headers: redactHeaders(req.headers),
      body: undefined,
    };
    requests.push(entry);
    if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
    return entry;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    applyCorsHeaders(res);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    if (path.startsWith('/__admin/')) return handleAdmin(req, res, path, api);

    const requestId = randomId('req_');
    res.setHeader('x-request-id', requestId);
    res.setHeader('request-id', requestId);
    const routeProtocol = COMPLETION_ROUTES[path];
    const protocol = routeProtocol ?? protocolFromHeaders(req.headers);
    const entry = record(req, path, protocol);
    // One signal per request, so delays and streams stop as soon as the client is gone.
    const aborter = new AbortController();
    res.on('close', () => {
      aborter.abort();
      // Final word on the status: a hung (timeout) or cut response never finished.
      entry.status = res.writableFinished ? res.statusCode : null;
      opts.log?.(`${entry.method} ${path} scenario=${entry.scenario ?? '-'} reply=${entry.replyIndex ?? '-'} → ${entry.outcome}${entry.status === null ? '' : ` ${entry.status}`}`);
    });

    if (req.method === 'POST' && routeProtocol !== undefined) {
      return handleCompletion(req, res, routeProtocol, {
        store,
        defaultScenario,
        serverApiKey: opts.apiKey,
        record: entry,
        requestId,
        signal: aborter.signal,
      });
    }
    try {
      if (req.method === 'GET' && path === '/v1/models') {
        const name = selectScenario(req.headers, undefined, defaultScenario);
        checkApiKey(req.headers, protocol, store.load(name).apiKey ?? opts.apiKey);
        const names = store.names();
        sendJson(res, 200, protocol === 'anthropic' ? anthropicModelList(names) : openAiModelList(names));
        entry.outcome = 'ok';
        entry.status = 200;
        return;
      }
      const hint = path.startsWith('/v1/') ? '' : ' (base URLs: OpenAI `<url>/v1`, Anthropic `<url>`)';
      throw new LlmHttpError(404, 'not_found', `Invalid URL (${req.method ?? 'GET'} ${path})${hint}`);
    } catch (err) {
      const httpError = err instanceof LlmHttpError ? err : new LlmHttpError(500, 'server', String(err));
      entry.outcome = `error ${httpError.status} ${httpError.code ?? httpError.kind}`;
      entry.status = httpError.status;
      sendVendorError(res, protocol, httpError, requestId);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Last resort; handle() already answers its own errors.
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(err) } });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: a test double with no real auth must not be reachable from the network.
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    port,
    get scenario() {
      return defaultScenario;
    },
    requests,
    scenarioNames: api.scenarioNames,
    setScenario: api.setScenario,
    addScenario: (name: string, scenario: ScenarioInput) => store.add(name, scenario),
    resetCursors: api.resetCursors,
    clearRequests: api.clearRequests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // close() alone waits for hung `timeout` requests and keep-alive sockets forever.
        server.closeAllConnections();
      }),
  };
}
