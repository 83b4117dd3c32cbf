import * as z from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as an OpenAPI 3.1 Schema Object (JSON Schema 2020-12). `io: 'input'` describes what
 * a client may send (before defaults and transforms), `'output'` what the server answers. Checks
 * zod cannot express (refinements) are left out; the server still applies them.
 *
 * Sub-schemas zod puts under `$defs` (recursive or registered ones) are moved to `components`, since
 * inside an OpenAPI document `#/$defs/…` would resolve against the document root, not the schema.
 */
export function toOpenApiSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, JsonSchema>,
  prefix: string,
): JsonSchema {
  const {
    $schema: _dialect,
    $defs,
    ...rest
  } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  if (!$defs) return rest;
  const renamed = new Map(Object.keys($defs as JsonSchema).map((name) => [`#/$defs/${name}`, `#/components/schemas/${prefix}${name}`]));
  const relink = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(relink);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' ? (renamed.get(value) ?? value) : relink(value),
      ]),
    );
  };
  for (const [name, def] of Object.entries($defs as JsonSchema)) components[`${prefix}${name}`] = relink(def) as JsonSchema;
  return relink(rest) as JsonSchema;
}
