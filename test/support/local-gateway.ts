import { signJwt, type JwtClaims } from '../../lib/auth/jwt.js';
import { handleLocally } from '../../lib/local/gateway.js';
import { routes } from '../../lib/routes/index.js';
import type { Route } from '../../lib/routes/route.js';

/**
 * Calls through the local gateway (`handleLocally`): route matching, the JWT check, the payload-2.0
 * event and the route's handler — the whole path a request takes, unlike `call`, which starts
 * after the authorizer.
 */

/** Every scope any route asks for: a token that passes every scope check. */
export const EVERY_SCOPE = [...new Set(routes.flatMap((route) => route.scopes))].join(' ');

/** An HS256 token signed with the local secret (or `secret`), valid for ten minutes unless `claims.exp` says otherwise. */
export function bearer(sub: string, claims: JwtClaims = {}, secret = process.env.LOCAL_JWT_SECRET!): string {
  return `Bearer ${signJwt({ sub, nickname: sub, scope: EVERY_SCOPE, exp: Math.floor(Date.now() / 1000) + 600, ...claims }, secret)}`;
}

/** URL-encodes each character; a lone surrogate, which has no UTF-8 form, is sent raw as a broken client would. */
export function encodeLoosely(value: string): string {
  return [...value]
    .map((char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        return char;
      }
    })
    .join('');
}

/** The request path of a route with its `{params}` filled in. */
export function concretePath(route: Route, params: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeLoosely(params[name] ?? 'x'));
}

export interface GatewayRequest {
  path?: string;
  rawQueryString?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface GatewayAnswer {
  status: number;
  /** The parsed JSON body; `undefined` if the body is not JSON (itself a failure for every dialect). */
  body: any;
  text: string;
}

export async function viaGateway(route: Route, request: GatewayRequest = {}): Promise<GatewayAnswer> {
  const answer = await handleLocally(routes, {
    method: route.method,
    path: request.path ?? concretePath(route),
    rawQueryString: request.rawQueryString ?? '',
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    body = undefined;
  }
  return { status: answer.statusCode, body, text: answer.body };
}
