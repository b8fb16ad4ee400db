// Dev entry point: `npm run llm-server -- --port 8787 --scenario default`.
// Runs the scripted LLM server until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startLlmServer } from './server.ts';

const USAGE = `Usage: tsx tests/llm-server/cli.ts [--port 8787] [--scenario default] [--scenarios-dir DIR] [--api-key KEY]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      scenario: { type: 'string', default: 'default' },
      'scenarios-dir': { type: 'string' },
      'api-key': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port ${values.port}\n${USAGE}`);

  const server = await startLlmServer({
    port,
    scenario: values.scenario,
    ...(values['scenarios-dir'] === undefined ? {} : { scenariosDir: values['scenarios-dir'] }),
    ...(values['api-key'] === undefined ? {} : { apiKey: values['api-key'] }),
    ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
  });

  console.log(`FaultMaven scripted LLM server listening on ${server.url} (scenario: ${server.scenario})
  OpenAI-compatible base URL:  ${server.openaiBaseUrl}
  Anthropic base URL:          ${server.anthropicBaseUrl}
Configure the extension with provider "OpenAI-compatible", base URL ${server.openaiBaseUrl},
any API key${values['api-key'] === undefined ? '' : ` (must be "${values['api-key']}")`}, model "scripted/${server.scenario}" (or scripted/<scenario> to pick another).
Switch scenario: curl -X POST ${server.url}/__admin/scenario -d '{"name":"slow-stream"}'
Scenarios: ${server.scenarioNames().join(', ')}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping llm-server`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
