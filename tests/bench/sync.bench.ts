// Team-sync server throughput: pulls and pushes per second and p99 latency with 100 concurrent
// keep-alive clients on loopback, on SQLite and on PostgreSQL, with one server process and
// with `--workers 2` (node:cluster). The load comes from a separate process
// (support/http-load.ts), whose own CPU use is reported. Baseline, same run: GET /health on the
// same server (HTTP and logging only: no auth, no database).
//
//   npm run bench -- sync            (PostgreSQL half needs FM_TEST_PG_URL; see server/scripts/test-postgres.sh)
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
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
const WORKERS = 2;

interface LoadResult {
  requests: number;
  errors: number;
  firstError: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Share of one core the load generator used. */
  cpuShare: number;
  /** Requests answered, warm-up included. */
  answered: number;
  /** Server CPU time per request (µs), measured when the server runs in this process; NaN otherwise. */
  serverCpuUs: number;
}

interface Template {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Runs the load generator; when the server runs in this process (`inProcess`), also the
 * server's CPU time per request. Unlike requests per second, that figure hardly depends on
 * what else the machine is doing, so it tells what the code costs on a shared machine.
 */
async function load(url: string, templates: Template[], inProcess = false): Promise<LoadResult> {
  const before = process.cpuUsage();
  const result = await runGenerator(url, templates);
  const used = process.cpuUsage(before);
  return { ...result, serverCpuUs: inProcess && result.answered > 0 ? (used.user + used.system) / result.answered : NaN };
}

function runGenerator(url: string, templates: Template[]): Promise<Omit<LoadResult, 'serverCpuUs'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support/http-load.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Omit<LoadResult, 'serverCpuUs'>) : reject(new Error(`load generator exited ${code}`))));
    child.stdin.end(JSON.stringify({ url, connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS, templates }));
  });
}

async function post(url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Ten teams, each with 50 cases of history so a full pull returns real records. */
async function seed(server: { url: string }): Promise<TokenPair[]> {
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

async function scenarios(server: { url: string }, teams: TokenPair[], inProcess: boolean): Promise<Array<[string, LoadResult]>> {
  const perClient = <T>(make: (pair: TokenPair, client: number) => T) => Array.from({ length: CONNECTIONS }, (_, c) => make(teams[c % TEAMS]!, c));
  const out: Array<[string, LoadResult]> = [];
  out.push(['baseline: GET /health', await load(server.url, [{ method: 'GET', path: '/health', headers: {} }], inProcess)]);
  out.push(['pull, nothing new (steady polling)', await load(server.url, perClient((pair) => ({ method: 'GET', path: '/v1/sync/pull?deviceId=dev-{client}&since={cursor}', headers: auth(pair) })), inProcess)]);
  out.push(['pull 50 records (since=0)', await load(server.url, perClient((pair) => ({ method: 'GET', path: '/v1/sync/pull?deviceId=dev-{client}&since=0&limit=50', headers: auth(pair) })), inProcess)]);
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
      inProcess,
    ),
  ]);
  return out;
}

function table(label: string, results: Array<[string, LoadResult]>): string {
  const rows = results.map(
    ([name, r]) =>
      `| ${label} | ${name} | ${Math.round(r.rps).toLocaleString('en-US')} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${Number.isNaN(r.serverCpuUs) ? '–' : Math.round(r.serverCpuUs)} | ${Math.round(r.cpuShare * 100)} % | ${r.errors} |`,
  );
  return rows.join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `npm run server -- --workers N` as its own process tree, as it would run in production. */
async function startClustered(database: string, schema: string | undefined): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const args = ['--import', 'tsx', path.join(import.meta.dirname, '../../server/src/main.ts'), '--workers', String(WORKERS), '--port', String(port), '--setup-token', 'bench-setup', '--log-level', 'warn'];
  args.push('--database-url', database, ...(schema ? ['--database-schema', schema] : []));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    const up = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (attempt > 300 || child.exitCode !== null) throw new Error('the clustered server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Run {
  label: string;
  results: Array<[string, LoadResult]>;
}

/**
 * The scenarios with one server process, then (PostgreSQL only: SQLite refuses `--workers`)
 * with WORKERS processes.
 */
async function run(db: 'sqlite' | 'postgres', dbLabel: string): Promise<{ runs: Run[]; note: string }> {
  let note = '';
  const runs: Run[] = [];
  for (const workers of db === 'postgres' ? [1, WORKERS] : [1]) {
    const schema = db === 'postgres' ? freshSchemaName() : undefined;
    const database = db === 'postgres' ? process.env.FM_TEST_PG_URL! : path.join(os.tmpdir(), `fm-bench-${process.pid}-${workers}.db`);
    const probe = db === 'postgres' ? await PostgresDatabase.open({ url: database, schema }) : null;
    if (probe && !note) {
      const settings = await probe.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version')");
      note = settings.map((s) => `${s.name}=${s.setting}`).join(', ');
    }
    let server: RunningServer | null = null;
    let clustered: { url: string; stop: () => Promise<void> } | null = null;
    try {
      if (workers === 1) {
        server = await startServer(
          { database, databaseSchema: schema, port: 0, setupToken: 'bench-setup', logLevel: 'warn', authRateLimit: { capacity: 1000, perMinute: 1000 } },
          { logger: createLogger('warn') },
        );
      } else {
        clustered = await startClustered(database, schema);
      }
      const target = server ?? clustered!;
      const teams = await seed(target);
      runs.push({ label: `${dbLabel}, ${workers === 1 ? '1 process' : `${workers} workers`}`, results: await scenarios(target, teams, workers === 1) });
    } finally {
      await server?.close();
      await clustered?.stop();
      if (probe) {
        await probe.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await probe.close();
      }
    }
  }
  return { runs, note };
}

const loadBefore = os.loadavg()[0]!;
const runs: Run[] = [];
runs.push(...(await run('sqlite', 'SQLite')).runs);
let pgNote = 'not run: FM_TEST_PG_URL is not set';
if (process.env.FM_TEST_PG_URL) {
  const pg = await run('postgres', 'PostgreSQL');
  runs.push(...pg.runs);
  pgNote = pg.note;
}

const verdict = ({ results, label }: Run) => {
  const steady = results.find(([n]) => n.startsWith('pull, nothing new'))?.[1];
  if (!steady) return `${label}: not measured`;
  const ok = steady.rps >= TARGET_RPS && steady.p99 < TARGET_P99_MS;
  return `${label}: ${Math.round(steady.rps).toLocaleString('en-US')} pulls/s, p99 ${steady.p99.toFixed(1)} ms → ${ok ? 'meets' : 'MISSES'} the target (≥ ${TARGET_RPS.toLocaleString('en-US')} req/s, p99 < ${TARGET_P99_MS} ms)`;
};

console.log(`## Team sync server (\`tests/bench/sync.bench.ts\`)

Command: \`npm run bench -- sync\` (with \`FM_TEST_PG_URL\` from \`server/scripts/test-postgres.sh\`). One server process, then
\`--workers ${WORKERS}\` (node:cluster) (Node ${process.version}); ${CONNECTIONS} concurrent keep-alive clients from a separate load-generator
process on loopback (raw HTTP/1.1, one request in flight per connection; "generator CPU" is the share of one core it used),
${DURATION_MS / 1000} s per scenario after ${WARMUP_MS / 1000} s warm-up, ${TEAMS} teams with 50 cases each; every sync request is
authenticated (JWT verified, its session checked in the same database statement as the pull). Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}),
1-minute load average ${loadBefore.toFixed(1)} before and ${os.loadavg()[0]!.toFixed(1)} after the run (other work on the machine slows every row alike).
PostgreSQL: ${pgNote}.

| Server | Scenario | Requests/s | p50 ms | p99 ms | Server CPU µs/req | Generator CPU | Errors |
|---|---|---:|---:|---:|---:|---:|---:|
${runs.map((r) => table(r.label, r.results)).join('\n')}

${runs.map((r) => `- ${verdict(r)}`).join('\n')}
- Baseline (\`/health\`, no auth, no database) is the ceiling of this HTTP stack on this machine in the same run.
- "Server CPU µs/req": the server process's CPU time per request (1-process rows; PostgreSQL's own backends not
  included). 1,000,000 / that = requests per second one otherwise idle core could serve.
- The original FaultMaven server quotes 100–500 req/s per process.
`);
const failures = runs.flatMap((r) => r.results).filter(([, r]) => r.requests === 0 || r.errors > 0);
if (failures.length > 0) {
  console.error(`errors during the run: ${failures.map(([n, r]) => `${n}: ${r.errors} (${r.firstError})`).join('; ')}`);
  process.exit(1);
}
