import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUserId } from '../schemas/common.js';

/**
 * HS256 JWTs for local development and tests. In AWS the HTTP API JWT authorizer checks tokens
 * (Cognito or any OIDC issuer); the local gateway uses this to play the same part.
 */
export type JwtClaims = Record<string, unknown> & { sub?: string; exp?: number; scope?: string };

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signJwt(claims: JwtClaims, secret: string): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  return `${head}.${body}.${b64url(signature)}`;
}

export type JwtCheck = { ok: true; claims: JwtClaims } | { ok: false; reason: string };

export function verifyJwt(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed token' };
  const [head, body, signature] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: JwtClaims;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed token' };
  }
  if (header.alg !== 'HS256') return { ok: false, reason: 'unsupported algorithm' };
  if (typeof claims !== 'object' || claims === null) return { ok: false, reason: 'malformed token' };
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad signature' };
  }
  // RFC 7519 NumericDate: a present `exp`/`nbf` that is not a number makes the token invalid, never timeless.
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    if (claims[claim] !== undefined && (typeof claims[claim] !== 'number' || !Number.isFinite(claims[claim]))) {
      return { ok: false, reason: `malformed ${claim} claim` };
    }
  }
  // A token without `exp` would be good forever: refused (docs/identity-and-privacy.md).
  if (claims.exp === undefined) return { ok: false, reason: 'token has no expiry' };
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'token expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) return { ok: false, reason: 'token not yet valid' };
  if (claims.sub === undefined || claims.sub === '') return { ok: false, reason: 'token has no subject' };
  if (!isUserId(claims.sub)) return { ok: false, reason: 'subject is not a valid user id' };
  return { ok: true, claims };
}

/** Reads `Authorization: Bearer <token>` (header names already lower-cased). */
export function bearerToken(headers: Record<string, string | undefined>): string | undefined {
  const value = headers.authorization;
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
