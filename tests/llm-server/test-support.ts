// Shared bits for the llm-server tests (not a test file itself).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCENARIOS_DIR } from './server.ts';
import { scenarioSchema, type Reply } from './scenario-schema.ts';

/** A reply of a checked-in scenario file, so tests assert against the data, not a copy of it. */
export function scenarioReply(name: string, index = 0): Reply {
  const scenario = scenarioSchema.parse(JSON.parse(readFileSync(join(DEFAULT_SCENARIOS_DIR, `${name}.json`), 'utf8')));
  const reply = scenario.replies[index];
  if (!reply) throw new Error(`scenario ${name} has no reply #${index}`);
  return reply;
}

/** Runs `fn` and returns what it threw (fails if it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}
