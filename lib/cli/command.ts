/**
 * A CLI command. Commands run the same `lib/` and `engines/` code as the extension, in Node,
 * so they must not import browser-only modules (`wxt/browser`, Dexie's browser singleton).
 */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  /** Words that select the command, e.g. ['logs', 'analyze']. */
  path: string[];
  summary: string;
  usage: string;
  /** Returns the process exit code. `args` are the words after the command path. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Minimal flag parsing shared by commands: `--json`, `--key value`, `--key=value`, positionals. */
export function parseArgs(args: string[]): { flags: Record<string, string | true>; positionals: string[] } {
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const next = args[i + 1];
      if (inline !== undefined) flags[key] = inline;
      else if (next !== undefined && !next.startsWith('--') && BOOLEAN_FLAGS.has(key) === false) {
        flags[key] = next;
        i++;
      } else flags[key] = true;
    } else positionals.push(arg);
  }
  return { flags, positionals };
}

/** Flags that never take a value, so `--json FILE` keeps FILE as a positional. */
const BOOLEAN_FLAGS = new Set(['json', 'help', 'verbose', 'quiet', 'no-color']);
