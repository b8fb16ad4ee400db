import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dropNullOptionals, toJsonSchema, toStrictJsonSchema } from './json-schema';
import { extractJson } from './extract-json';

const hypothesis = z.object({
  statement: z.string(),
  likelihood: z.number(),
  evidence: z.array(z.object({ id: z.string(), stance: z.enum(['supports', 'refutes']), note: z.string().optional() })),
  owner: z.string().nullable().optional(),
});

describe('JSON schema for providers', () => {
  it('closes every object and requires every property, optional ones nullable', () => {
    const strict = toStrictJsonSchema(toJsonSchema(hypothesis))!;
    expect(strict).not.toHaveProperty('$schema');
    expect(strict).toMatchObject({ additionalProperties: false, required: ['statement', 'likelihood', 'evidence', 'owner'] });
    const item = (strict.properties as Record<string, { items: Record<string, unknown> }>).evidence!.items;
    expect(item).toMatchObject({ additionalProperties: false, required: ['id', 'stance', 'note'] });
    expect((item.properties as Record<string, unknown>).note).toEqual({ type: ['string', 'null'] });
  });

  it('gives up on free-form maps, which strict mode cannot express', () => {
    expect(toStrictJsonSchema(toJsonSchema(z.object({ labels: z.record(z.string(), z.string()) })))).toBeNull();
  });

  it('drops nulls only where the original schema did not allow them', () => {
    const schema = toJsonSchema(hypothesis);
    const cleaned = dropNullOptionals(
      { statement: 's', likelihood: 0.5, evidence: [{ id: 'e1', stance: 'supports', note: null }], owner: null },
      schema,
    );
    expect(cleaned).toEqual({ statement: 's', likelihood: 0.5, evidence: [{ id: 'e1', stance: 'supports' }], owner: null });
    expect(hypothesis.safeParse(cleaned).success).toBe(true);
  });
});

describe('extractJson', () => {
  it('finds the JSON in fences and prose', () => {
    expect(extractJson(' {"a":1} ')).toBe('{"a":1}');
    expect(extractJson('Here:\n```json\n{"a":1}\n```')).toBe('{"a":1}');
    expect(extractJson('The result is {"a":{"b":2}} as requested.')).toBe('{"a":{"b":2}}');
    expect(extractJson('no json here')).toBe('no json here');
  });
});
