// Team-sync server throughput: pulls and pushes per second and p99 latency with 100 concurrent
// keep-alive clients on loopback, against one server process on SQLite and on PostgreSQL.
// The load comes from a separate process (support/http-load.ts). Baseline, same run: GET
// /health on the same server (routing, logging and HTTP only: no auth, no database).
//
//   npm run bench -- sync            (PostgreSQL half needs FM_TEST_PG_URL; see server/scripts/test-postgres.sh)
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { PostgresDatabase } from '../../server/src/db/postgres-database';
import { freshSchemaName } from '../../server/src/testing/test-databases';
import { startServer, type RunningServer } from '../../server/src/start-server';
import { createLogger } from '../../server/src/logger';
import type { TokenPair } from '../../lib/sync/wire';

const CONNECTIONS = 100;
const DURATION_MS = Number(process.env.BENCH_SYNC_MS ?? 5000);
const WARMUP_MS = 1000;
const TEAMS = 10;
const TARGET_RPS = 5000;
const TARGET_P99_MS = 50;

interface LoadResult {
  requests: number;
  errors: number;
  firstError: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

interface Template {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function load(url: string, templates: Template[]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support/http-load.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited ${code}`))));
    child.stdin.end(JSON.stringify({ url, connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS, templates }));
  });
}

async function post(url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Ten teams, each with 50 cases of history so a full pull returns real records. */
async function seed(server: RunningServer): Promise<TokenPair[]> {
  const teams: TokenPair[] = [];
  for (let t = 0; t < TEAMS; t++) {
    const pair = (await post(`${server.url}/v1/teams`, { teamName: `bench-${t}`, email: `bench-${t}@example.com`, password: 'bench password 123', displayName: `B${t}` }, undefined, { 'x-setup-token': 'bench-setup' })) as TokenPair;
    const changes = Array.from({ length: 50 }, (_, i) => ({ kind: 'case', id: `case-${i}`, baseRevision: 0, changedAt: i, fields: { title: `incident ${i} in team ${t}`, severity: 'sev2', status: 'open', phase: 'intake', createdAt: i, updatedAt: i } }));
    await post(`${server.url}/v1/sync/push`, { deviceId: 'seed', changes }, pair.accessToken);
    teams.push(pair);
  }
  return teams;
}

const auth = (pair: TokenPair) => ({ authorization: `Bearer ${pair.accessToken}` });

async function scenarios(server: RunningServer, teams: TokenPair[]): Promise<Array<[string, LoadResult]>> {
  const perClient = <T>(make: (pair: TokenPair, client: number) => T) => Array.from({ length: CONNECTIONS }, (_, c) => make(teams[c % TEAMS]!, c));
  const out: Array<[string, LoadResult]> = [];
  out.push(['baseline: GET /health', await load(server.url, [{ method: 'GET', path: '/health', headers: {} }])]);
  out.push(['pull, nothing new (steady polling)', await load(server.url, perClient((pair) => ({ method: 'GET', path: '/v1/sync/pull?deviceId=dev-{client}&since={cursor}', headers: auth(pair) })))]);
  out.push(['pull 50 records (since=0)', await load(server.url, perClient((pair) => ({ method: 'GET', path: '/v1/sync/pull?deviceId=dev-{client}&since=0&limit=50', headers: auth(pair) })))]);
  out.push([
    'push 1 new message',
    await load(
      server.url,
      perClient((pair) => ({
        method: 'POST',
        path: '/v1/sync/push',
        headers: { ...auth(pair), 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: 'dev-{client}', changes: [{ kind: 'message', id: 'm-{client}-{seq}', baseRevision: 0, changedAt: 1, fields: { caseId: 'case-1', role: 'user', content: 'bench message {seq}', status: 'complete', createdAt: 1, updatedAt: 1 } }] }),
      })),
    ),
  ]);
  return out;
}

function table(db: string, results: Array<[string, LoadResult]>): string {
  const rows = results.map(([name, r]) => `| ${db} | ${name} | ${Math.round(r.rps).toLocaleString('en-US')} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`);
  return rows.join('\n');
}

async function run(db: 'sqlite' | 'postgres'): Promise<{ results: Array<[string, LoadResult]>; note: string }> {
  let schema: string | undefined;
  let note = '';
  if (db === 'postgres') {
    schema = freshSchemaName();
    const probe = await PostgresDatabase.open({ url: process.env.FM_TEST_PG_URL!, schema });
    const settings = await probe.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version')");
    note = settings.map((s) => `${s.name}=${s.setting}`).join(', ');
    await probe.close();
  }
  const file = path.join(os.tmpdir(), `fm-bench-${process.pid}.db`);
  const server = await startServer(
    { database: db === 'postgres' ? process.env.FM_TEST_PG_URL! : file, databaseSchema: schema, port: 0, setupToken: 'bench-setup', logLevel: 'warn', authRateLimit: { capacity: 1000, perMinute: 1000 } },
    { logger: createLogger('warn') },
  );
  try {
    const teams = await seed(server);
    return { results: await scenarios(server, teams), note };
  } finally {
    if (db === 'postgres') await server.ctx.db.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await server.close();
  }
}

const loadBefore = os.loadavg()[0]!;
const all: string[] = [];
const sqlite = await run('sqlite');
all.push(table('SQLite', sqlite.results));
let pgNote = 'not run: FM_TEST_PG_URL is not set';
let pgResults: Array<[string, LoadResult]> = [];
if (process.env.FM_TEST_PG_URL) {
  const pg = await run('postgres');
  pgResults = pg.results;
  pgNote = pg.note;
  all.push(table('PostgreSQL', pg.results));
}

const verdict = (results: Array<[string, LoadResult]>, label: string) => {
  const steady = results.find(([n]) => n.startsWith('pull, nothing new'))?.[1];
  if (!steady) return `${label}: not measured`;
  const ok = steady.rps >= TARGET_RPS && steady.p99 < TARGET_P99_MS;
  return `${label}: ${Math.round(steady.rps).toLocaleString('en-US')} pulls/s, p99 ${steady.p99.toFixed(1)} ms → ${ok ? 'meets' : 'MISSES'} the target (≥ ${TARGET_RPS.toLocaleString('en-US')} req/s, p99 < ${TARGET_P99_MS} ms)`;
};

console.log(`## Team sync server (\`tests/bench/sync.bench.ts\`)

Command: \`npm run bench -- sync\` (with \`FM_TEST_PG_URL\` from \`server/scripts/test-postgres.sh\`). One server process
(Node ${process.version}), ${CONNECTIONS} concurrent keep-alive clients from a separate load-generator process on loopback,
${DURATION_MS / 1000} s per scenario after ${WARMUP_MS / 1000} s warm-up, ${TEAMS} teams with 50 cases each; every sync request is
authenticated (JWT verified and its session checked in the database). Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}),
1-minute load average ${loadBefore.toFixed(1)} before and ${os.loadavg()[0]!.toFixed(1)} after the run (other work on the machine slows every row alike).
PostgreSQL: ${pgNote}.

| Database | Scenario | Requests/s | p50 ms | p99 ms | Errors |
|---|---|---:|---:|---:|---:|
${all.join('\n')}

- ${verdict(sqlite.results, 'SQLite')}
- ${verdict(pgResults, 'PostgreSQL')}
- Baseline (\`/health\`, no auth, no database) is the ceiling of this HTTP stack on this machine in the same run.
- The original FaultMaven server quotes 100–500 req/s per process.
`);
const failures = [...sqlite.results, ...pgResults].filter(([, r]) => r.requests === 0 || r.errors > 0);
if (failures.length > 0) {
  console.error(`errors during the run: ${failures.map(([n, r]) => `${n}: ${r.errors} (${r.firstError})`).join('; ')}`);
  process.exit(1);
}
