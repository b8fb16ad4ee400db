import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'faultmaven-server';
const AUDIENCE = 'faultmaven-sync';

/** What an access token asserts. Role is not in it: it is read fresh on each request. */
export interface AccessClaims {
  userId: string;
  teamId: string;
  sessionId: string;
}

/**
 * Short-lived HS256 access tokens. The key is shared by every server instance (configured or
 * stored in the database), so any instance behind a load balancer accepts any instance's token.
 */
export class AccessTokens {
  /**
   * Tokens already verified, with their expiry. A token's signature check always gives the
   * same answer, so it is done once per token per instance; expiry and the session's
   * revocation are still checked on every request.
   */
  private readonly verified = new Map<string, AccessClaims & { exp: number }>();
  private static readonly CACHE_LIMIT = 10_000;

  constructor(
    private readonly key: Uint8Array,
    readonly ttlSeconds: number,
    private readonly clock: () => number,
  ) {}

  sign(claims: AccessClaims): Promise<string> {
    const now = Math.floor(this.clock() / 1000);
    return new SignJWT({ team: claims.teamId, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(this.key);
  }

  /** The claims of a valid, unexpired token; null for anything else (bad signature, expired, wrong shape). */
  async verify(token: string): Promise<AccessClaims | null> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.exp * 1000 > this.clock()) return { userId: cached.userId, teamId: cached.teamId, sessionId: cached.sessionId };
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(this.clock()),
      });
      if (typeof payload.sub !== 'string' || typeof payload.team !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return null;
      const claims = { userId: payload.sub, teamId: payload.team, sessionId: payload.sid };
      if (this.verified.size >= AccessTokens.CACHE_LIMIT) this.verified.clear();
      this.verified.set(token, { ...claims, exp: payload.exp });
      return claims;
    } catch {
      return null;
    }
  }
}
