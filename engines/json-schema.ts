import { z } from 'zod';

/**
 * Converts a zod schema into the JSON Schema subset every provider's structured-output or
 * tool mode accepts (OpenAI strict mode is the narrowest): every property required (optional
 * values are nullable instead), no additional properties, and no keywords outside
 * type/properties/required/items/enum/anyOf/description/additionalProperties. Numeric and
 * length limits are enforced when the output is normalised, not by the provider.
 */
const KEPT_KEYWORDS = new Set(['type', 'properties', 'required', 'items', 'enum', 'anyOf', 'description', 'additionalProperties', 'const']);

export type JsonSchema = { [key: string]: unknown };

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEPT_KEYWORDS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, child]) => [name, strip(child)]));
    } else {
      out[key] = strip(value);
    }
  }
  if (out.type === 'object' && out.properties) {
    out.required = Object.keys(out.properties as JsonSchema);
    out.additionalProperties = false;
  }
  return out;
}

export function toProviderJsonSchema(schema: z.ZodType): JsonSchema {
  return strip(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })) as JsonSchema;
}

/** Nesting depth and property count, for the provider limits checked in tests. */
export function schemaShape(schema: JsonSchema): { depth: number; properties: number } {
  let properties = 0;
  const walk = (node: unknown, depth: number): number => {
    if (typeof node !== 'object' || node === null) return depth;
    const n = node as JsonSchema;
    let max = depth;
    if (n.properties) {
      const entries = Object.values(n.properties as JsonSchema);
      properties += entries.length;
      for (const child of entries) max = Math.max(max, walk(child, depth + 1));
    }
    if (n.items) max = Math.max(max, walk(n.items, depth));
    if (Array.isArray(n.anyOf)) for (const child of n.anyOf) max = Math.max(max, walk(child, depth));
    return max;
  };
  const depth = walk(schema, 0);
  return { depth, properties };
}
