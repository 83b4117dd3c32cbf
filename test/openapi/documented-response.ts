import { Validator } from '@seriousme/openapi-schema-validator';
import * as z from 'zod';
import { openApiDocument } from '../../lib/openapi/document.js';
import { routes } from '../../lib/routes/index.js';
import type { Route } from '../../lib/routes/route.js';

/**
 * Validators made from the OpenAPI document itself (its JSON Schema, refs resolved, read back by
 * `z.fromJSONSchema`), so a test checks a real answer against what the document promises rather
 * than against the zod schemas it was made from.
 */
let resolved: Promise<any> | undefined;

/**
 * Replaces each local `$ref` (`#/a/b`) by what it points to. (The validator's own `resolveRefs()`
 * turns refs into empty schemas when it was given an object rather than a file, so it is not used.)
 */
function inlineRefs(node: unknown, root: unknown): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, root));
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<any>((at, part) => at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], root);
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    return inlineRefs(target, root);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inlineRefs(value, root)]));
}

/** The document for the current route table, validated, with every `$ref` inlined. */
export function resolvedDocument(): Promise<any> {
  resolved ??= (async () => {
    const document = openApiDocument(routes);
    const result = await new Validator().validate(structuredClone(document));
    if (!result.valid) throw new Error(`OpenAPI document is invalid: ${JSON.stringify(result.errors)}`);
    return inlineRefs(document, document);
  })();
  return resolved;
}

const cache = new Map<string, z.ZodType | undefined>();

/** The documented body schema of `route` answering `status`, or undefined when the document has none. */
export async function documentedResponse(route: Route, status: number): Promise<z.ZodType | undefined> {
  const key = `${route.method} ${route.path} ${status}`;
  if (!cache.has(key)) {
    const document = await resolvedDocument();
    const schema =
      document.paths?.[route.path]?.[route.method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']?.schema;
    cache.set(key, schema ? z.fromJSONSchema(schema) : undefined);
  }
  return cache.get(key);
}

/** Why `body` does not match what the document says `route` answers with `status` (undefined: it matches). */
export async function responseMismatch(route: Route, status: number, body: unknown): Promise<string | undefined> {
  const schema = await documentedResponse(route, status);
  if (!schema) return `${route.method} ${route.path} documents no ${status} answer`;
  const parsed = schema.safeParse(body);
  return parsed.success
    ? undefined
    : `${route.method} ${route.path} ${status}: ${JSON.stringify(body).slice(0, 300)} — ${parsed.error.message.slice(0, 500)}`;
}
