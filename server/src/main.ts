import { parseConfig } from './config';
import { runClustered } from './cluster';
import { startServer } from './start-server';

/**
 * `npm run server -- --data ./faultmaven.db` (SQLite) or `--database-url postgres://…`.
 * Logs are JSON lines on stdout.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  if ('help' in config) {
    process.stdout.write(config.help);
    return;
  }
  if (config.workers > 1) {
    const running = await runClustered(config);
    if ('workers' in running) return; // the primary only supervises
    process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
    process.once('SIGINT', () => undefined); // the primary stops the workers
    return;
  }
  const server = await startServer(config);
  const stop = (signal: string) => {
    server.ctx.logger.info('stopping', { signal });
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'error', msg: 'server failed to start', error: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
