import type { ServerConfig } from '../config';
import { startServer, type RunningServer } from '../start-server';
import { createLogger } from '../logger';
import type { TestDatabase } from './test-databases';
import type { TokenPair } from '../../../lib/sync/wire';

export interface TestServer extends RunningServer {
  /** Milliseconds added to the real clock: lets tests expire tokens without waiting. */
  advance(ms: number): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect response fields directly
  request(path: string, init?: { method?: string; token?: string; body?: unknown; rawBody?: NonNullable<RequestInit['body']>; headers?: Record<string, string> }): Promise<{ status: number; json: any; headers: Headers; bytes: Uint8Array }>;
  /** Creates a team (with the setup token) and returns its owner's tokens. */
  createTeam(name: string, email?: string): Promise<TokenPair>;
  /** Invites and signs up a member of the given owner's team. */
  addMember(owner: TokenPair, email: string): Promise<TokenPair>;
  dispose(): Promise<void>;
}

export const TEST_PASSWORD = 'a long test password';
export const SETUP_TOKEN = 'test-setup-token';

export async function startTestServer(database: TestDatabase, overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const opened = await database.open();
  let offset = 0;
  const server = await startServer(
    {
      port: 0,
      passwordCost: { logN: 10, r: 8, p: 1 },
      setupToken: SETUP_TOKEN,
      authRateLimit: { capacity: 1000, perMinute: 1000 },
      logLevel: 'silent',
      ...overrides,
    },
    { db: opened.db, clock: () => Date.now() + offset, logger: createLogger('silent') },
  );
  const request: TestServer['request'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: RequestInit['body'] = init.rawBody;
    if (init.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const response = await fetch(`${server.url}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json, headers: response.headers, bytes };
  };
  const createTeam: TestServer['createTeam'] = async (name, email = `owner-${crypto.randomUUID().slice(0, 8)}@example.com`) => {
    const res = await request('/v1/teams', { body: { teamName: name, email, password: TEST_PASSWORD, displayName: `${name} owner` }, headers: { 'x-setup-token': SETUP_TOKEN } });
    if (res.status !== 201) throw new Error(`createTeam failed: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json as TokenPair;
  };
  const addMember: TestServer['addMember'] = async (owner, email) => {
    const invite = await request('/v1/team/invites', { token: owner.accessToken, body: { email } });
    if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.json)}`);
    const signup = await request('/v1/auth/signup', { body: { inviteCode: invite.json.code, email, password: TEST_PASSWORD, displayName: email } });
    if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.json)}`);
    return signup.json as TokenPair;
  };
  return {
    ...server,
    advance: (ms) => (offset += ms),
    request,
    createTeam,
    addMember,
    dispose: async () => {
      await server.close();
      await opened.dispose();
    },
  };
}
