import type { AccessTokens } from './auth/access-tokens';
import type { ServerConfig } from './config';
import type { Database } from './db/database';
import type { RateLimiter } from './http/rate-limit';
import type { Logger } from './logger';
import type { Role } from '../../lib/sync/wire';

/** Everything a request handler may use. No per-user state lives here: the server is stateless. */
export interface ServerContext {
  db: Database;
  config: ServerConfig;
  logger: Logger;
  clock: () => number;
  accessTokens: AccessTokens;
  authLimiter: RateLimiter;
}

/** Who is calling: a signed-in person, or an API token acting for its team as a member. */
export type Principal =
  | { type: 'user'; userId: string; teamId: string; role: Role; sessionId: string }
  | { type: 'api-token'; tokenId: string; teamId: string; role: 'member' };

/** The id recorded as the author of a write. */
export function actorId(principal: Principal): string {
  return principal.type === 'user' ? principal.userId : `token:${principal.tokenId}`;
}
