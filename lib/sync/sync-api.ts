import { SyncError } from './sync-errors';
import type { PullResponse, PushChange, PushResponse, SyncLimits, TokenPair } from './wire';

/** A signed-in connection to a sync server, as kept by the caller (extension storage, a file…). */
export interface SyncSession {
  serverUrl: string;
  accessToken: string;
  refreshToken: string;
  user: TokenPair['user'];
  team: TokenPair['team'];
}

export interface SessionStore {
  load(): Promise<SyncSession | null>;
  save(session: SyncSession | null): Promise<void>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function normalizeServerUrl(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new SyncError('rejected', `"${raw}" is not a URL; use e.g. http://127.0.0.1:8790`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SyncError('rejected', 'The server URL must start with http:// or https://');
  return trimmed;
}

async function errorFrom(response: Response, what: string): Promise<SyncError> {
  let message = `${what} failed: HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) message = `${what} failed: ${body.error.message}`;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  if (response.status === 401) return new SyncError('auth', message, 401);
  if (response.status === 429 || response.status >= 500) return new SyncError('server', message, response.status, seconds);
  return new SyncError('rejected', message, response.status);
}

/**
 * HTTP client of the sync server. Refreshes the access token once on a 401 (single-flight, so
 * concurrent calls share one refresh) and stores the rotated pair before retrying.
 */
export class SyncApi {
  private refreshing: Promise<SyncSession> | null = null;

  constructor(
    private readonly sessions: SessionStore,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {}

  private async send(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await this.fetchImpl(url, init);
    } catch (error) {
      throw new SyncError('network', `${what} failed: the server did not answer (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private async signIn(serverUrl: string, path: string, body: unknown, what: string): Promise<SyncSession> {
    const base = normalizeServerUrl(serverUrl);
    const response = await this.send(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, what);
    if (!response.ok) {
      const error = await errorFrom(response, what);
      // A wrong password is not a reason to retry, even though it is a 401.
      throw error.kind === 'auth' ? new SyncError('rejected', error.message, 401) : error;
    }
    const pair = (await response.json()) as TokenPair;
    const session: SyncSession = { serverUrl: base, accessToken: pair.accessToken, refreshToken: pair.refreshToken, user: pair.user, team: pair.team };
    await this.sessions.save(session);
    return session;
  }

  login(serverUrl: string, email: string, password: string): Promise<SyncSession> {
    return this.signIn(serverUrl, '/v1/auth/login', { email, password }, 'Sign-in');
  }

  signUp(serverUrl: string, input: { inviteCode: string; email: string; password: string; displayName: string }): Promise<SyncSession> {
    return this.signIn(serverUrl, '/v1/auth/signup', input, 'Sign-up');
  }

  createTeam(serverUrl: string, input: { teamName: string; email: string; password: string; displayName: string }): Promise<SyncSession> {
    return this.signIn(serverUrl, '/v1/teams', input, 'Creating the team');
  }

  /** Ends the session on the server when it can; forgets it locally in any case. */
  async logout(): Promise<void> {
    const session = await this.sessions.load();
    await this.sessions.save(null);
    if (!session) return;
    await this.send(`${session.serverUrl}/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` } }, 'Sign-out').catch(() => undefined);
  }

  private async refresh(stale: SyncSession): Promise<SyncSession> {
    this.refreshing ??= (async () => {
      try {
        const current = await this.sessions.load();
        // Another caller already rotated the pair: use it instead of spending the old token.
        if (current && current.accessToken !== stale.accessToken) return current;
        const response = await this.send(
          `${stale.serverUrl}/v1/auth/refresh`,
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: stale.refreshToken }) },
          'Renewing the sign-in',
        );
        if (response.status === 401) {
          await this.sessions.save(null);
          throw new SyncError('auth', 'The sign-in to the sync server has ended; sign in again', 401);
        }
        if (!response.ok) throw await errorFrom(response, 'Renewing the sign-in');
        const pair = (await response.json()) as TokenPair;
        const next: SyncSession = { ...stale, accessToken: pair.accessToken, refreshToken: pair.refreshToken, user: pair.user, team: pair.team };
        await this.sessions.save(next);
        return next;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** An authenticated request; `what` names it in error messages. */
  async call(path: string, init: RequestInit, what: string): Promise<Response> {
    let session = await this.sessions.load();
    if (!session) throw new SyncError('auth', 'Not signed in to a sync server');
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${session.accessToken}`);
      const response = await this.send(`${session.serverUrl}${path}`, { ...init, headers }, what);
      if (response.status === 401 && attempt === 0) {
        session = await this.refresh(session);
        continue;
      }
      if (!response.ok) throw await errorFrom(response, what);
      return response;
    }
  }

  async push(deviceId: string, changes: PushChange[]): Promise<PushResponse> {
    const response = await this.call('/v1/sync/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId, changes }) }, 'Pushing changes');
    return (await response.json()) as PushResponse;
  }

  async pull(deviceId: string, since: number, limit: number): Promise<PullResponse> {
    const query = new URLSearchParams({ deviceId, since: String(since), limit: String(limit) });
    const response = await this.call(`/v1/sync/pull?${query}`, { method: 'GET' }, 'Pulling changes');
    return (await response.json()) as PullResponse;
  }

  async limits(): Promise<SyncLimits> {
    const response = await this.call('/v1/sync/limits', { method: 'GET' }, 'Reading the server limits');
    return (await response.json()) as SyncLimits;
  }

  async putBlob(id: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.call(`/v1/blobs/${encodeURIComponent(id)}`, { method: 'PUT', headers: { 'content-type': contentType }, body: bytes as BodyInit }, 'Uploading evidence content');
  }

  async getBlob(id: string): Promise<{ bytes: Uint8Array; contentType: string }> {
    const response = await this.call(`/v1/blobs/${encodeURIComponent(id)}`, { method: 'GET' }, 'Downloading evidence content');
    return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
  }
}
