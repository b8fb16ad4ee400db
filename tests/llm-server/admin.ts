// HTTP control endpoints under /__admin/, for e2e tests that run the server in
// another process (and for poking the dev server by hand with curl).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, sendJson } from './http-util.ts';
import { isRecord } from './llm-request.ts';
import type { RecordedRequest } from './handle-completion.ts';

export interface AdminTarget {
  readonly url: string;
  readonly scenario: string;
  readonly requests: RecordedRequest[];
  scenarioNames(): string[];
  setScenario(name: string): void;
  addScenario(name: string, scenario: unknown): void;
  resetCursors(): void;
  clearRequests(): void;
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, target: AdminTarget): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  try {
    if (route === 'GET /__admin/health') {
      sendJson(res, 200, { ok: true, url: target.url, scenario: target.scenario, scenarios: target.scenarioNames() });
    } else if (route === 'GET /__admin/requests') {
      sendJson(res, 200, target.requests);
    } else if (route === 'POST /__admin/reset') {
      // Cursors and the request log together: the usual "fresh start" between e2e tests.
      target.resetCursors();
      target.clearRequests();
      sendJson(res, 200, { ok: true });
    } else if (route === 'POST /__admin/scenario') {
      const body = await readJsonBody(req);
      const name = isRecord(body) ? body['name'] : undefined;
      if (typeof name !== 'string') throw new Error('Body must be {"name": "<scenario>"}.');
      target.setScenario(name);
      sendJson(res, 200, { ok: true, scenario: name });
    } else if (req.method === 'POST' && path.startsWith('/__admin/scenarios/')) {
      const name = decodeURIComponent(path.slice('/__admin/scenarios/'.length));
      target.addScenario(name, await readJsonBody(req));
      sendJson(res, 200, { ok: true, scenario: name });
    } else {
      sendJson(res, 404, { error: { message: `No admin route ${route}.` } });
    }
  } catch (err) {
    sendJson(res, 400, { error: { message: err instanceof Error ? err.message : String(err) } });
  }
}
