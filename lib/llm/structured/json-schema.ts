import { z } from 'zod';
import type { JsonSchema } from '../model';

/** The JSON Schema of what the model must write (zod's input side: defaults may be omitted). */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

// Keywords OpenAI's strict mode rejects; dropping them only loosens the hint, zod still validates.
const STRICT_UNSUPPORTED = ['default', 'propertyNames', 'minProperties', 'maxProperties', 'unevaluatedProperties', 'contentEncoding'];

/**
 * Rewrites a schema into OpenAI's strict subset: every object closed and listing every
 * property as required, optional properties made nullable instead. Returns null when the
 * schema cannot be expressed strictly (free-form maps), so the caller uses non-strict mode.
 */
export function toStrictJsonSchema(schema: JsonSchema): JsonSchema | null {
  try {
    return strictNode(schema) as JsonSchema;
  } catch (error) {
    if (error instanceof NotStrictable) return null;
    throw error;
  }
}

class NotStrictable extends Error {}

function strictNode(node: unknown): unknown {
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (STRICT_UNSUPPORTED.includes(key)) continue;
    out[key] = value;
  }
  if (Array.isArray(out.oneOf)) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if (Array.isArray(out.anyOf)) out.anyOf = out.anyOf.map(strictNode);
  if (Array.isArray(out.allOf)) out.allOf = out.allOf.map(strictNode);
  if (out.items !== undefined) out.items = Array.isArray(out.items) ? out.items.map(strictNode) : strictNode(out.items);

  const isObject = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object')) || isNode(out.properties);
  if (isObject) {
    if (!isNode(out.properties) || isNode(out.additionalProperties) || out.additionalProperties === true) {
      throw new NotStrictable('free-form object');
    }
    const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : []);
    const properties: Node = {};
    for (const [name, property] of Object.entries(out.properties)) {
      const strict = strictNode(property);
      properties[name] = required.has(name) ? strict : nullable(strict);
    }
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

function nullable(node: unknown): unknown {
  if (!isNode(node)) return node;
  if (allowsNull(node)) return node;
  if (typeof node.type === 'string' && !node.enum && !node.anyOf) return { ...node, type: [node.type, 'null'] };
  if (Array.isArray(node.type) && !node.enum && !node.anyOf) return { ...node, type: [...node.type, 'null'] };
  return { anyOf: [node, { type: 'null' }] };
}

function allowsNull(node: Node): boolean {
  if (node.type === 'null' || (Array.isArray(node.type) && node.type.includes('null'))) return true;
  if (Array.isArray(node.enum) && node.enum.includes(null)) return true;
  return Array.isArray(node.anyOf) && node.anyOf.some((n) => isNode(n) && allowsNull(n));
}

/**
 * Strict mode makes the model write `null` for an optional property it has nothing for.
 * Before validation, remove those nulls where the original schema did not allow null, so
 * `z.string().optional()` sees `undefined` as intended.
 */
export function dropNullOptionals(value: unknown, schema: JsonSchema): unknown {
  if (Array.isArray(value)) {
    const items = schema.items;
    return isNode(items) ? value.map((v) => dropNullOptionals(v, items)) : value;
  }
  if (!isNode(value) || !isNode(schema.properties)) return value;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const out: Node = {};
  for (const [key, v] of Object.entries(value)) {
    const property = schema.properties[key];
    if (v === null && !required.has(key) && isNode(property) && !allowsNull(property)) continue;
    out[key] = isNode(property) ? dropNullOptionals(v, property) : v;
  }
  return out;
}
