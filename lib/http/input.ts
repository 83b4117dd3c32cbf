import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { InvalidInputError, JsonParseError } from '../errors.js';
import type { Route } from '../routes/route.js';

/** Validated input of a route: each part typed by its schema. */
export type RouteInput<R extends Route> =
  R extends Route<infer Body, infer Query, infer Params>
    ? { body: z.output<Body>; query: z.output<Query>; params: z.output<Params> }
    : never;

/** `a.b[0]: message; c: message`, short enough for a client to show. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function check<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(`Invalid ${part}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * The body as JSON. An empty body is `{}`. Text that is not JSON is a parse error, told apart
 * from schema errors because Tencent has its own code for it (60003).
 */
export function parseJsonBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new JsonParseError();
  }
}

export function parseRouteInput<R extends Route>(route: R, event: APIGatewayProxyEventV2): RouteInput<R> {
  const body = route.method === 'POST' && route.body ? check(route.body, parseJsonBody(event), 'body') : undefined;
  const query = route.query ? check(route.query, event.queryStringParameters ?? {}, 'query') : undefined;
  const params = route.params ? check(route.params, event.pathParameters ?? {}, 'path') : undefined;
  return { body, query, params } as RouteInput<R>;
}
