// Loads scenarios (files re-read on every use so edits apply without a restart,
// plus inline ones registered by tests) and keeps each scenario's cursor: the
// set of replies already consumed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SCENARIO_NAME, scenarioSchema, type Reply, type Scenario } from './scenario-schema.ts';
import { LlmHttpError, type LlmRequest } from './llm-request.ts';
import { describeRequest, replyMatches } from './match-reply.ts';

function scenarioError(message: string, code: string): LlmHttpError {
  // 400, not 5xx: SDKs retry server errors, and a broken scenario should fail a test at once.
  return new LlmHttpError(400, 'invalid_request', message, code);
}

export function parseScenario(input: unknown, source: string): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    throw scenarioError(`Invalid ${source}:\n${z.prettifyError(result.error)}`, 'scenario_invalid');
  }
  return result.data;
}

export interface TakenReply {
  index: number;
  reply: Reply;
}

export class ScenarioStore {
  private readonly inline = new Map<string, Scenario>();
  private readonly consumed = new Map<string, Set<number>>();
  /** Last file text seen per scenario: an edited file starts over from its first reply. */
  private readonly fileTexts = new Map<string, string>();

  constructor(readonly dir: string) {}

  add(name: string, input: unknown): void {
    this.checkName(name);
    this.inline.set(name, parseScenario(input, `inline scenario "${name}"`));
    this.consumed.delete(name);
  }

  /** Inline scenarios shadow files of the same name. */
  load(name: string): Scenario {
    this.checkName(name);
    const inline = this.inline.get(name);
    if (inline) return inline;
    const file = join(this.dir, `${name}.json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw scenarioError(
        `Unknown scenario "${name}" (no inline scenario and no ${file}). Known: ${this.names().join(', ') || 'none'}.`,
        'scenario_not_found',
      );
    }
    if (this.fileTexts.get(name) !== text) {
      this.fileTexts.set(name, text);
      this.consumed.delete(name);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw scenarioError(`Scenario file ${file} is not valid JSON: ${(err as Error).message}`, 'scenario_invalid');
    }
    return parseScenario(json, `scenario file ${file}`);
  }

  names(): string[] {
    let files: string[] = [];
    try {
      files = readdirSync(this.dir)
        .filter((file) => file.endsWith('.json'))
        .map((file) => file.slice(0, -'.json'.length));
    } catch {
      // A missing directory just means "inline scenarios only".
    }
    return [...new Set([...files, ...this.inline.keys()])].sort();
  }

  /** First unconsumed reply whose match fits; consumes it unless it repeats. Throws when none fits. */
  take(name: string, scenario: Scenario, request: LlmRequest): TakenReply {
    let consumed = this.consumed.get(name);
    if (!consumed) {
      consumed = new Set();
      this.consumed.set(name, consumed);
    }
    for (const [index, reply] of scenario.replies.entries()) {
      if (consumed.has(index) || !replyMatches(reply.match, request)) continue;
      if (reply.repeat !== true) consumed.add(index);
      return { index, reply };
    }
    throw scenarioError(
      `Scenario "${name}" has no unconsumed reply matching this request (${describeRequest(request)}); ` +
        `${consumed.size} of ${scenario.replies.length} replies consumed. Reset with POST /__admin/reset or resetCursors().`,
      'scenario_no_match',
    );
  }

  reset(name?: string): void {
    if (name === undefined) this.consumed.clear();
    else this.consumed.delete(name);
  }

  private checkName(name: string): void {
    if (!SCENARIO_NAME.test(name)) {
      throw scenarioError(`Invalid scenario name "${name}" (letters, digits, ".", "_" and "-" only).`, 'scenario_not_found');
    }
  }
}
