import { readFileSync } from 'node:fs';
import type { Dialect, Route } from '../routes/route.js';
import { routeFunctionName } from '../routes/route.js';
import { errorEnvelopes, successEnvelope } from './envelopes.js';
import { toOpenApiSchema, type JsonSchema } from './json-schema.js';

/**
 * The OpenAPI 3.1 document of the API, made from the route table and the routes' zod schemas:
 * one operation per route, its auth scheme, parameters, request body, the success body inside
 * the dialect's envelope and the dialect's error bodies.
 */

/** Per dialect: its tag and the name of its error schema under `components.schemas`. */
const DIALECTS: Record<Dialect, { tag: string; description: string; errorSchema: string }> = {
  sealtalk: {
    tag: 'SealTalk',
    errorSchema: 'SealTalkError',
    description: 'RongCloud SealTalk friendship and user API. Errors: HTTP status = `code`.',
  },
  featapi: {
    tag: 'FeatAPI',
    errorSchema: 'FeatApiError',
    description: "FeatAPI contact list. Paths also match with FeatAPI's trailing slash (`/get_contact/`).",
  },
  tencent: {
    tag: 'Tencent IM',
    errorSchema: 'TencentError',
    description: 'Tencent Cloud IM REST (`v4/recentcontact`). HTTP 200 always; `ActionStatus` tells success from failure.',
  },
};

/** Where an error status comes from (`lib/http/wire-errors.ts`). */
const ERROR_STATUSES: Record<string, string> = {
  400: 'Invalid input (not JSON, or fails the schema), or a rule on it',
  401: 'No credential, or one that does not verify',
  403: 'Missing scope, or not allowed on this record',
  404: 'No such record',
  409: 'A unique value is taken, or the record kept changing under concurrent writers',
  500: 'Internal error',
};

/** Tencent's common query parameters that are not credentials (docs/behaviour.md#callers-and-credentials). */
const TIM_PARAMETERS = [
  {
    name: 'random',
    in: 'query',
    required: true,
    description: 'A random 32-bit unsigned integer',
    schema: { type: 'string', pattern: '^\\d{1,10}$' },
    example: '1',
  },
  { name: 'contenttype', in: 'query', required: true, schema: { type: 'string', const: 'json', default: 'json' } },
];

const SECURITY_SCHEMES = {
  bearerJwt: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An OIDC / Cognito access token (HTTP API JWT authorizer in AWS; HS256 with LOCAL_JWT_SECRET locally). ' +
      "`sub` is the caller's user id; the `scope` claim must hold the scopes the operation lists.",
  },
  timSdkAppId: { type: 'apiKey', in: 'query', name: 'sdkappid', description: 'The Tencent IM app id (60012 if missing, 70020 if unknown)' },
  timIdentifier: { type: 'apiKey', in: 'query', name: 'identifier', description: 'The app admin account (50003 for any other account)' },
  timUserSig: {
    type: 'apiKey',
    in: 'query',
    name: 'usersig',
    description: 'TLSSigAPIv2 usersig of `identifier` (70001, 70003, 70009, 70013, 70014 when it does not verify)',
  },
} as const;

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** Path or query parameters from an object schema's properties. */
function parametersOf(schema: JsonSchema, where: 'path' | 'query'): JsonSchema[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });

function operationOf(route: Route, components: Record<string, JsonSchema>): JsonSchema {
  const id = routeFunctionName(route);
  const schema = (zod: NonNullable<Route['body']>, io: 'input' | 'output', part: string) =>
    toOpenApiSchema(zod, io, components, `${id}${part}`);
  const parameters = [
    ...(route.params ? parametersOf(schema(route.params, 'input', 'Params'), 'path') : []),
    ...(route.query ? parametersOf(schema(route.query, 'input', 'Query'), 'query') : []),
    ...(route.auth === 'usersig' ? TIM_PARAMETERS : []),
  ];
  const success = schema(successEnvelope(route), 'output', 'Response');
  const errorRef = { $ref: `#/components/schemas/${DIALECTS[route.dialect].errorSchema}` };
  const responses =
    route.dialect === 'tencent'
      ? {
          200: {
            description: 'Success (`ActionStatus: "OK"`) or failure (`"FAIL"` with `ErrorCode`)',
            content: jsonContent({ oneOf: [success, errorRef] }),
          },
        }
      : {
          200: { description: 'Success', content: jsonContent(success) },
          ...Object.fromEntries(
            Object.entries(ERROR_STATUSES).map(([status, description]) => [status, { description, content: jsonContent(errorRef) }]),
          ),
        };
  return {
    operationId: id,
    summary: route.summary,
    tags: [DIALECTS[route.dialect].tag],
    security: [route.auth === 'user' ? { bearerJwt: [...route.scopes] } : { timSdkAppId: [], timIdentifier: [], timUserSig: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body && route.method === 'POST'
      ? { requestBody: { required: true, content: jsonContent(schema(route.body, 'input', 'Body')) } }
      : {}),
    responses,
  };
}

export function openApiDocument(routes: readonly Route[]): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  for (const [dialect, { errorSchema }] of Object.entries(DIALECTS)) {
    components[errorSchema] = toOpenApiSchema(errorEnvelopes[dialect as Dialect], 'output', components, errorSchema);
  }
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route, components);
  }
  const dialects = new Set(routes.map((route) => route.dialect));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Contactbook',
      version: packageVersion(),
      description:
        'Contacts, friendships, conversation marks and groups in three dialects (SealTalk, FeatAPI, Tencent IM) over one DynamoDB table. ' +
        'Generated from the route table (lib/routes) and its zod schemas by `npm run openapi`.',
    },
    tags: Object.entries(DIALECTS)
      .filter(([dialect]) => dialects.has(dialect as Dialect))
      .map(([, { tag, description }]) => ({ name: tag, description })),
    paths,
    components: { schemas: components, securitySchemes: SECURITY_SCHEMES },
  };
}
