import fc from 'fast-check';
import type { JsonSchema } from '../../lib/openapi/json-schema.js';

/** Generators of hostile input: strings, values and request parts no honest client sends. */

const INJECTIONS = [
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '__proto__',
  'constructor',
  'prototype',
  'USER#admin',
  'FRIEND#',
  'PROFILE',
  '#',
  'a#FRIEND#b',
  'begins_with(sk, :p)',
  'attribute_exists(pk)',
  '$where',
  '{"$gt":""}',
  'null',
  'undefined',
  'NaN',
  'true',
  '0x41',
  '-0',
  '1e309',
];
const UNICODE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFFx',
  'x\uD83D',
  '😀',
  '👩‍👩‍👧‍👦',
  '\u202Eevil\u202C',
  'مرحبا',
  'שלום',
  '\u200B\u200D\uFEFF',
  'e\u0301',
  '\t\r\n',
  '\u001b[31m',
  '\u2028\u2029',
  '𝕏'.repeat(33),
  'Ω≈ç√',
  '\uFFFF',
  '\u{10FFFF}',
];
/** Large enough to exceed every length limit many times over (the local server caps bodies at 1 MB). */
const HUGE = ['a'.repeat(300_000), '😀'.repeat(60_000), '\uD800'.repeat(50_000), '9'.repeat(100_000)];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...INJECTIONS, ...UNICODE), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom(...HUGE), weight: 1 },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 0.5, -0, 2 ** 53, -(2 ** 53), 2 ** 63, 1e308, Number.MAX_SAFE_INTEGER + 2, Number.EPSILON),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nested arrays or objects `depth` deep, as JSON text (never built as a value: that is the point). */
export const deepJson = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Text that is not JSON, or JSON no route accepts as a body. */
export const malformedBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '{"a":',
    '[1,]',
    "{'a':1}",
    '{"a":1}}',
    'undefined',
    'NaN',
    '\u0000',
    '\uFEFF{}',
    '{"a":1,"a":2}',
    '<xml/>',
    'a=1&b=2',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  deepJson,
  hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
);

export interface Leaves {
  string: fc.Arbitrary<string>;
  number: fc.Arbitrary<number>;
}

/**
 * Values of the shape a JSON Schema describes (objects with its properties, arrays of its items,
 * its constants and enums), with strings and numbers drawn from `leaves`. With hostile leaves
 * this gets past the schema's outer checks to the field checks and the use case behind them.
 */
export function shapedBy(schema: JsonSchema | undefined, leaves: Leaves): fc.Arbitrary<unknown> {
  if (!schema || Object.keys(schema).length === 0) return leaves.string;
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => shapedBy(alternative, leaves)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (types.length > 1) return fc.oneof(...types.map((type) => shapedBy({ ...schema, type }, leaves)));
  switch (types[0]) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return fc.record(Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, shapedBy(property, leaves)])), {
        requiredKeys: required.filter((name) => name in properties),
      });
    }
    case 'array': {
      const min = Math.min(Number(schema.minItems ?? 0), 3);
      return fc.array(shapedBy(schema.items as JsonSchema | undefined, leaves), {
        minLength: min,
        maxLength: Math.max(min, Math.min(Number(schema.maxItems ?? 3), 3)),
      });
    }
    case 'integer':
    case 'number':
      return leaves.number;
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return leaves.string;
  }
}

/** Header names a gateway passes on; values drawn from hostile strings (no CR/LF checks: an event can carry anything). */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'content-type',
      'content-length',
      'content-encoding',
      'transfer-encoding',
      'x-http-method-override',
      'x-forwarded-for',
      'host',
      'cookie',
      'origin',
      'accept',
      'x-amz-date',
      'x-api-key',
      'Content-Type',
      'CONTENT-TYPE',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  ),
  fc.oneof(hostileString, fc.constantFrom('application/xml', 'text/plain', 'multipart/form-data; boundary=x', 'gzip', '-1', '99999999999')),
  { maxKeys: 6 },
);
