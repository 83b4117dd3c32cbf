import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { bearerToken, verifyJwt } from '../auth/jwt.js';
import { localJwtConfig } from '../config.js';
import { json, type HttpResponse } from '../http/wire-errors.js';
import type { Route } from '../routes/route.js';
import { buildEvent, lambdaContext, type LocalRequest } from './event.js';
import { matchRoute } from './route-match.js';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the local gateway answers: the same response shape the handlers return. */
export type GatewayResponse = HttpResponse;

const handlerCache = new Map<string, Promise<Handler>>();

/** Loads `functions/<handler>.ts` (or `.js`) once: the module a route's Lambda would run. */
export function loadHandler(route: Route): Promise<Handler> {
  let loaded = handlerCache.get(route.handler);
  if (!loaded) {
    const url = new URL(`../../functions/${route.handler}.ts`, import.meta.url);
    loaded = import(url.href).then((module: { handler?: Handler }) => {
      if (typeof module.handler !== 'function') throw new Error(`functions/${route.handler} exports no handler`);
      return module.handler;
    });
    handlerCache.set(route.handler, loaded);
  }
  return loaded;
}

/**
 * Plays API Gateway locally: matches the route, does the JWT authorizer's check (HS256 with
 * LOCAL_JWT_SECRET; a token that fails is passed on without claims, so the handler answers 401
 * in its own dialect), builds the payload-2.0 event and runs the route's handler.
 */
export async function handleLocally(
  routes: readonly Route[],
  request: Omit<LocalRequest, 'pathParameters' | 'claims'>,
): Promise<GatewayResponse> {
  const match = matchRoute(routes, request.method, request.path);
  if (match === undefined) return json(404, { message: 'Not Found' });
  if (match === 'method-not-allowed') return json(405, { message: 'Method Not Allowed' });
  const { route, pathParameters } = match;
  let claims: Record<string, unknown> | undefined;
  if (route.auth === 'user') {
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const token = bearerToken(headers);
    const check = token ? verifyJwt(token, localJwtConfig().secret) : undefined;
    if (check?.ok) claims = check.claims;
  }
  const event = buildEvent(route, { ...request, ...(pathParameters ? { pathParameters } : {}), ...(claims ? { claims } : {}) });
  const handler = await loadHandler(route);
  const result = await handler(event, lambdaContext(route) as unknown as Context);
  return {
    statusCode: result.statusCode ?? 200,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: typeof result.body === 'string' ? result.body : '',
  };
}
