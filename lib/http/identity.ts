import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { grantedScopes } from '../auth/scopes.js';
import { verifyUsersig } from '../auth/usersig.js';
import { timConfig } from '../config.js';
import { ForbiddenError, UnauthenticatedError, type TimAuthCode } from '../errors.js';
import type { Route } from '../routes/route.js';
import { isUserId } from '../schemas/common.js';

/** An end user, proven by a JWT. */
export interface UserCaller {
  kind: 'user';
  userId: string;
  claims: Record<string, unknown>;
}

/** The app's own server, proven by the Tencent admin usersig. */
export interface AdminCaller {
  kind: 'admin';
  identifier: string;
}

export type CallerOf<R extends Route> = R['auth'] extends 'usersig' ? AdminCaller : UserCaller;

/** Claims placed by the HTTP API JWT authorizer (or by the local gateway, which plays its part). */
type JwtAuthorizer = { jwt?: { claims?: Record<string, unknown>; scopes?: string[] | null } };
/** Context placed by the cloud usersig authorizer: the outcome of the same check. */
type UsersigAuthorizer = { lambda?: { usersigCode?: number; usersigReason?: string } };

function authorizerOf(event: APIGatewayProxyEventV2): JwtAuthorizer & UsersigAuthorizer {
  return ((event.requestContext as { authorizer?: unknown }).authorizer ?? {}) as JwtAuthorizer & UsersigAuthorizer;
}

/**
 * The caller of a JWT route, from the claims the JWT authorizer verified. The authorizer checks the
 * signature, issuer, audience and expiry, but lets any `sub` through and does not insist on `exp`:
 * both are held here, before anything is read or created (`docs/identity-and-privacy.md`).
 */
export function userCaller(route: Route, event: APIGatewayProxyEventV2, nowMs: number): UserCaller {
  const jwt = authorizerOf(event).jwt;
  const claims = jwt?.claims;
  if (!claims) throw new UnauthenticatedError('Authentication credentials were not provided.');
  if (!isUserId(claims.sub)) throw new UnauthenticatedError("The token's subject is not a valid user id.");
  if (!expiresInFuture(claims.exp, nowMs)) throw new UnauthenticatedError('The token has no valid expiry time (exp).');
  const scopes = grantedScopes(claims.scope, jwt?.scopes);
  const missing = route.scopes.filter((scope) => !scopes.has(scope));
  if (missing.length) throw new ForbiddenError(`You do not have permission to perform this action (scope ${missing.join(', ')} required).`);
  return { kind: 'user', userId: claims.sub, claims };
}

/** `exp` as a NumericDate, a number or (as the HTTP API authorizer passes claims) its decimal string, still ahead of now. */
function expiresInFuture(exp: unknown, nowMs: number): boolean {
  const seconds = typeof exp === 'number' ? exp : typeof exp === 'string' && /^\d+(\.\d+)?$/.test(exp) ? Number(exp) : NaN;
  return Number.isFinite(seconds) && seconds * 1000 > nowMs;
}

/**
 * Tencent credentials (docs/behaviour.md#callers-and-credentials): `sdkappid`, `identifier`, `usersig` in the query;
 * the identifier must be the app admin.
 * In AWS the usersig authorizer has already checked the signature and passes its outcome; locally
 * the same check runs here.
 */
export async function adminCaller(event: APIGatewayProxyEventV2): Promise<AdminCaller> {
  const query = event.queryStringParameters ?? {};
  const tim = timConfig();
  if (!query.sdkappid) throw new UnauthenticatedError('SDKAppID missing.', 60012);
  if (!/^\d+$/.test(query.sdkappid) || Number(query.sdkappid) !== tim.sdkAppId) {
    throw new UnauthenticatedError(`SDKAppID ${query.sdkappid} not found.`, 70020);
  }
  const identifier = query.identifier ?? '';
  if (!identifier) throw new UnauthenticatedError('identifier missing.', 70013);
  if (!query.usersig) throw new UnauthenticatedError('UserSig missing.', 70003);

  const fromAuthorizer = authorizerOf(event).lambda;
  const outcome =
    fromAuthorizer?.usersigCode !== undefined
      ? { code: fromAuthorizer.usersigCode, reason: fromAuthorizer.usersigReason ?? 'UserSig rejected' }
      : checkUsersig(query.usersig, identifier, tim.sdkAppId, localTimSecretKey());
  if (outcome.code !== 0) throw new UnauthenticatedError(`${outcome.reason}.`, outcome.code as TimAuthCode);

  if (identifier !== tim.admin) throw new ForbiddenError('The request requires App admin permissions.');
  return { kind: 'admin', identifier };
}

/**
 * The key for checking a usersig in the handler itself (local server, tests). In AWS the usersig
 * authorizer checks with the key from Secrets Manager and passes its outcome, so route functions
 * neither hold the key nor bundle a Secrets Manager client.
 */
function localTimSecretKey(): string {
  const { secretKey } = timConfig();
  if (!secretKey) throw new Error('TIM_SECRET_KEY environment variable is not set (in AWS the usersig authorizer checks the usersig)');
  return secretKey;
}

export function checkUsersig(usersig: string, identifier: string, sdkAppId: number, secretKey: string): { code: number; reason: string } {
  const result = verifyUsersig({ usersig, identifier, sdkAppId, secretKey });
  return result.ok ? { code: 0, reason: '' } : { code: result.code, reason: result.reason };
}
