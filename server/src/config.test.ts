import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from './config';

describe('parseConfig', () => {
  it('defaults to a SQLite file on loopback', () => {
    expect(parseConfig([], {})).toMatchObject({ database: './faultmaven.db', host: '127.0.0.1', port: 8790 });
  });

  it('takes flags over environment variables', () => {
    const config = parseConfig(['--data', 'team.db', '--port', '9000'], { PORT: '7000', FM_SETUP_TOKEN: 'setup' });
    expect(config).toMatchObject({ database: 'team.db', port: 9000, setupToken: 'setup' });
    expect(parseConfig([], { DATABASE_URL: 'postgres://x@y/z' })).toMatchObject({ database: 'postgres://x@y/z' });
    expect(parseConfig(['--max-blob-mb', '2'], {})).toMatchObject({ maxBlobBytes: 2 * 1024 * 1024 });
    expect(parseConfig(['--database-url', 'postgres://x@y/z', '--workers', '4', '--db-pool', '20', '--database-schema', 'fm'], {})).toMatchObject({ workers: 4, databasePoolSize: 20, databaseSchema: 'fm' });
    expect(parseConfig([], { FM_WORKERS: '2', DATABASE_URL: 'postgres://x@y/z' })).toMatchObject({ workers: 2, databasePoolSize: 10 });
  });

  it('explains bad values instead of starting with them', () => {
    expect(() => parseConfig(['--port', 'eighty'], {})).toThrow(/--port must be a positive integer/);
    expect(() => parseConfig(['--jwt-secret', 'short'], {})).toThrow(/at least 32 characters/);
    expect(() => parseConfig(['--workers', '0'], {})).toThrow(/--workers must be a positive integer/);
    expect(() => parseConfig(['--workers', '2', '--data', 'team.db'], {})).toThrow(/--workers needs PostgreSQL/);
    expect(() => parseConfig(['--log-level', 'loud'], {})).toThrow(/Unknown log level/);
    expect(() => parseConfig(['--bogus'], {})).toThrow();
    expect(parseConfig(['--help'], {})).toHaveProperty('help');
    expect(DEFAULT_CONFIG.maxBodyBytes).toBe(4 * 1024 * 1024);
  });
});
