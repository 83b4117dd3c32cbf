import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildEvent, lambdaContext } from '../../lib/local/event.js';
import { loadHandler } from '../../lib/local/gateway.js';
import type { Route } from '../../lib/routes/route.js';

export interface CallOptions {
  /** The caller: a user id (token with every scope) or explicit JWT claims; omit for no credential. */
  as?: string | Record<string, unknown>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  query?: Record<string, string> | string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

/** Default claims of a test user: every scope, a nickname, an expiry an hour ahead (a token without one is refused). */
export function claimsFor(userId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: userId, nickname: userId, scope: 'party_contact party_message', exp: Math.floor(Date.now() / 1000) + 3600, ...extra };
}

/**
 * The event API Gateway would send (JWT already verified) and the route's real handler, ready to
 * run: `call` runs it at once; the benchmark builds it before its clock starts.
 */
export async function prepareCall(route: Route, options: CallOptions = {}): Promise<() => Promise<APIGatewayProxyStructuredResultV2>> {
  const claims = typeof options.as === 'string' ? claimsFor(options.as) : options.as;
  const rawQueryString = typeof options.query === 'string' ? options.query : new URLSearchParams(options.query ?? {}).toString();
  let path = route.path;
  for (const [name, value] of Object.entries(options.params ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const event = buildEvent(route, {
    method: route.method,
    path,
    rawQueryString,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    ...(options.params ? { pathParameters: options.params } : {}),
    ...(claims ? { claims } : {}),
  });
  const handler = await loadHandler(route);
  return () => handler(event, lambdaContext(route) as unknown as Context);
}

/** Invokes a route's real handler with the event API Gateway would send (JWT already verified). */
export async function call<T = any>(route: Route, options: CallOptions = {}): Promise<CallResult<T>> {
  const result = await (await prepareCall(route, options))();
  return {
    status: result.statusCode ?? 200,
    body: typeof result.body === 'string' && result.body ? JSON.parse(result.body) : undefined,
    headers: (result.headers ?? {}) as Record<string, string>,
  };
}
