import { describe, expect, it } from 'vitest';
import { AGENT_OUTPUT_INSTRUCTIONS } from './agent-instructions';
import { agentOutputJsonSchema, parseAgentOutput, plainAnswerOutput } from './agent-output';
import { schemaShape, type JsonSchema } from './json-schema';

function walk(node: unknown, visit: (n: JsonSchema) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (typeof node !== 'object' || node === null) return;
  visit(node as JsonSchema);
  for (const value of Object.values(node)) walk(value, visit);
}

describe('agent output JSON schema', () => {
  const schema = agentOutputJsonSchema();

  it('is strict-mode compatible: every object closed with all properties required, no unsupported keywords', () => {
    walk(schema, (node) => {
      if (node.type === 'object' && node.properties) {
        expect(node.additionalProperties).toBe(false);
        expect(node.required).toEqual(Object.keys(node.properties as object));
      }
      for (const key of ['default', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'format', '$schema']) expect(node).not.toHaveProperty(key);
    });
  });

  it('stays within provider limits (nesting ≤ 5, ≤ 100 properties)', () => {
    const shape = schemaShape(schema);
    expect(shape.depth).toBeLessThanOrEqual(5);
    expect(shape.properties).toBeLessThanOrEqual(100);
  });

  it('is described in the standing instructions', () => {
    for (const field of Object.keys(schema.properties as object)) if (field !== 'answer') expect(AGENT_OUTPUT_INSTRUCTIONS).toContain(field);
  });
});

describe('parseAgentOutput', () => {
  it('accepts a minimal reply and fills in empty updates', () => {
    const result = parseAgentOutput('{"answer":"Hi"}');
    expect(result).toEqual({ ok: true, output: plainAnswerOutput('Hi'), warnings: [] });
  });

  it('reads fenced JSON and JSON surrounded by prose, but not a code fence inside the answer', () => {
    expect(parseAgentOutput('```json\n{"answer":"a"}\n```').ok).toBe(true);
    expect(parseAgentOutput('Here you go: {"answer":"a"} done').ok).toBe(true);
    const inner = parseAgentOutput(JSON.stringify({ answer: 'run:\n```\nls\n```' }));
    expect(inner.ok && inner.output.answer).toBe('run:\n```\nls\n```');
  });

  it('normalises enum case, clips long text, clamps numbers and canonicalises ids', () => {
    const result = parseAgentOutput({
      answer: 'x',
      evidenceLinks: [{ hypothesisId: 'h1', evidenceLabel: '[E2]', stance: 'SUPPORTS', confidence: 3, note: 'n'.repeat(500) }],
      hypothesesToAdd: [{ statement: 's'.repeat(400), category: 'Database', likelihood: -1 }],
      milestones: ['SCOPE_ASSESSED', 'scope_assessed'],
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.output.evidenceLinks[0]).toMatchObject({ hypothesisId: 'H1', evidenceLabel: 'E2', stance: 'supports', confidence: 1 });
    expect(result.output.evidenceLinks[0]!.note).toHaveLength(200);
    expect(result.output.hypothesesToAdd[0]).toMatchObject({ category: 'database', likelihood: 0 });
    expect(result.output.hypothesesToAdd[0]!.statement).toHaveLength(300);
    expect(result.output.milestones).toEqual(['scope_assessed']);
  });

  it('drops an invalid list item with a warning instead of failing the turn', () => {
    const result = parseAgentOutput({ answer: 'x', hypothesesToAdd: [{ statement: 'ok', category: 'code' }, { statement: 'bad', category: 'astrology' }], phaseSignal: { outcome: 'teleport' } });
    if (!result.ok) throw new Error(result.error);
    expect(result.output.hypothesesToAdd).toHaveLength(1);
    expect(result.warnings).toEqual([expect.stringContaining('hypothesesToAdd[1] ignored'), expect.stringContaining('phaseSignal ignored')]);
  });

  it('fails clearly without a usable answer or JSON', () => {
    expect(parseAgentOutput('not json')).toEqual({ ok: false, error: 'The reply is not valid JSON (no JSON object found)' });
    expect(parseAgentOutput({ answer: '  ' })).toEqual({ ok: false, error: 'The reply has an empty answer' });
    expect(parseAgentOutput({})).toMatchObject({ ok: false, error: expect.stringContaining('answer') });
    expect(parseAgentOutput([])).toEqual({ ok: false, error: 'The reply must be a JSON object' });
  });
});
