import type { Database } from '../db/database';
import { randomSecret } from './secrets';

const SETTING_KEY = 'jwt-secret';

/**
 * The token signing key: the configured secret, or one generated on first start and stored
 * in the database, so restarts keep everyone signed in and every instance on one PostgreSQL
 * agrees on it without extra configuration.
 */
export async function loadJwtKey(db: Database, configured: string | undefined): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  await db.execute('INSERT INTO server_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [SETTING_KEY, randomSecret(48)]);
  const rows = await db.query<{ value: string }>('SELECT value FROM server_settings WHERE key = $1', [SETTING_KEY]);
  const secret = rows[0]?.value;
  if (!secret) throw new Error('Could not load the JWT signing key');
  return new TextEncoder().encode(secret);
}
