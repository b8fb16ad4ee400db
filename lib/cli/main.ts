#!/usr/bin/env -S npx tsx
// `faultmaven` / `npm run fm -- …`: the headless CLI over the same lib/ and engines/ code.
import { COMMANDS } from './commands/index';
import type { CliCommand, CliIO } from './command';

export function findCommand(argv: string[], commands: CliCommand[] = COMMANDS): { command: CliCommand; rest: string[] } | null {
  const matches = commands
    .filter((c) => c.path.every((word, i) => argv[i] === word))
    .sort((a, b) => b.path.length - a.path.length);
  const command = matches[0];
  return command ? { command, rest: argv.slice(command.path.length) } : null;
}

export function helpText(commands: CliCommand[] = COMMANDS): string {
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(18)} ${c.summary}`);
  return `FaultMaven CLI\n\nUsage: faultmaven <command> [options]\n\nCommands:\n${lines.join('\n') || '  (none)'}\n\nRun "faultmaven <command> --help" for a command's options.\n`;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.stdout(helpText());
    return argv.length === 0 ? 1 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr(`Unknown command: ${argv.join(' ')}\n\n${helpText()}`);
    return 2;
  }
  if (found.rest.includes('--help')) {
    io.stdout(`${found.command.summary}\n\nUsage: faultmaven ${found.command.usage}\n`);
    return 0;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (error) {
    io.stderr(`faultmaven: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('lib/cli/main.ts')) {
  // `faultmaven … | head` closes the pipe early: that is a normal end, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const code = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
  process.exitCode = code;
}
