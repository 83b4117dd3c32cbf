import type * as z from 'zod';

export type Dialect = 'sealtalk' | 'featapi' | 'tencent';

/**
 * How a route proves its caller.
 * - `user`: a JWT (HTTP API JWT authorizer in AWS, HS256 in the local gateway); `sub` is the user id.
 * - `usersig`: Tencent's admin usersig in the query string, checked by the usersig code in `lib/auth`.
 */
export type AuthKind = 'user' | 'usersig';

/** One row of the route table: everything the stack, the local server and OpenAPI need. */
export interface Route<Body extends z.ZodType = z.ZodType, Query extends z.ZodType = z.ZodType, Params extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST';
  /** API Gateway path syntax: `/friendship/{friendId}/profile`. */
  path: string;
  /** Module under `functions/`, without extension: `friendship/invite`. */
  handler: string;
  dialect: Dialect;
  auth: AuthKind;
  /** OAuth scopes the token must carry (FeatAPI: `party_contact`). */
  scopes: readonly string[];
  /** Table access the function is granted: read-only routes cannot write. */
  access: 'read' | 'write';
  summary: string;
  body?: Body;
  query?: Query;
  params?: Params;
  /** Shape of the success payload (the part inside the dialect's envelope), for OpenAPI. */
  response?: z.ZodType;
}

export function defineRoute<
  Body extends z.ZodType = z.ZodUndefined,
  Query extends z.ZodType = z.ZodUndefined,
  Params extends z.ZodType = z.ZodUndefined,
>(route: Route<Body, Query, Params>): Route<Body, Query, Params> {
  return route;
}

/** CloudFormation-safe, unique name of a route's function: `friendship/invite` → `FriendshipInvite`. */
export function routeFunctionName(route: Pick<Route, 'handler'>): string {
  return route.handler
    .split(/[/_-]/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
