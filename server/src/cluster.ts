import cluster, { type Worker } from 'node:cluster';
import type { ServerConfig } from './config';
import { createContext, startServer, type RunningServer } from './start-server';
import { createLogger } from './logger';

/** A worker that dies within this time of its start is not restarted (it would only crash again). */
const MIN_UPTIME_FOR_RESTART_MS = 5_000;

/**
 * `--workers N`: N server processes share the port through node:cluster. The server keeps no
 * state between requests (sessions, revisions and cursors all live in the database), so any
 * worker may answer any request. The primary migrates the database and settles the signing key
 * once before forking, so workers never race to do either, then restarts a worker that crashes.
 *
 * Resolves in the primary once every worker listens; in a worker, with its running server.
 */
export async function runClustered(config: ServerConfig): Promise<RunningServer | { workers: Worker[] }> {
  if (!cluster.isPrimary) return startServer(config);
  const logger = createLogger(config.logLevel);
  const prepared = await createContext(config, { logger });
  await prepared.db.close();

  const started = new Map<Worker, number>();
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    started.set(worker, Date.now());
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (stopping) return;
    logger.error('worker exited', { pid: worker.process.pid, code, signal, uptimeMs: uptime });
    if (uptime >= MIN_UPTIME_FOR_RESTART_MS) fork();
    else if (started.size === 0) process.exit(1);
  });
  const stop = () => {
    stopping = true;
    for (const worker of started.keys()) worker.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const workers = Array.from({ length: config.workers }, fork);
  await Promise.all(workers.map((worker) => new Promise<void>((resolve) => worker.once('listening', () => resolve()))));
  logger.info('workers listening', { workers: workers.length, url: `http://${config.host}:${config.port}` });
  return { workers };
}
