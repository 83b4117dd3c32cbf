import { createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { TimAuthCode } from '../errors.js';

/**
 * Verifies a Tencent TLSSigAPIv2 usersig: base64url (Tencent's alphabet: `*-_` for `+/=`) of a
 * zlib-deflated JSON document whose `TLS.sig` is an HMAC-SHA256 over the identifier, app id, time
 * and expiry. Compatible with signatures made by Tencent's `tls-sig-api-v2` package.
 * Shared by the handlers, the local gateway and the cloud's Lambda authorizer.
 */
export type UsersigCheck = { ok: true; expiresAt: number } | { ok: false; code: TimAuthCode; reason: string };

/** How far ahead of our clock a usersig's `TLS.time` may lie (signers' clock skew). */
export const USERSIG_MAX_FUTURE_SECONDS = 5 * 60;

interface SigDoc {
  'TLS.ver'?: unknown;
  'TLS.identifier'?: unknown;
  'TLS.sdkappid'?: unknown;
  'TLS.time'?: unknown;
  'TLS.expire'?: unknown;
  'TLS.userbuf'?: unknown;
  'TLS.sig'?: unknown;
}

function decode(usersig: string): SigDoc | undefined {
  try {
    const base64 = usersig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    const json = inflateSync(Buffer.from(base64, 'base64')).toString('utf8');
    const doc: unknown = JSON.parse(json);
    return typeof doc === 'object' && doc !== null ? (doc as SigDoc) : undefined;
  } catch {
    return undefined;
  }
}

export function verifyUsersig(params: {
  usersig: string;
  identifier: string;
  sdkAppId: number;
  secretKey: string;
  nowSeconds?: number;
}): UsersigCheck {
  const doc = decode(params.usersig);
  if (!doc) return { ok: false, code: 70003, reason: 'UserSig cannot be parsed' };
  const { 'TLS.identifier': identifier, 'TLS.sdkappid': sdkAppId, 'TLS.time': time, 'TLS.expire': expire } = doc;
  const sig = doc['TLS.sig'];
  if (
    typeof identifier !== 'string' ||
    typeof sdkAppId !== 'number' ||
    typeof time !== 'number' ||
    typeof expire !== 'number' ||
    typeof sig !== 'string'
  ) {
    return { ok: false, code: 70003, reason: 'UserSig cannot be parsed' };
  }
  if (identifier !== params.identifier) return { ok: false, code: 70013, reason: 'identifier does not match the UserSig' };
  if (sdkAppId !== params.sdkAppId) return { ok: false, code: 70014, reason: 'SDKAppID does not match the UserSig' };
  const userbuf = typeof doc['TLS.userbuf'] === 'string' ? `TLS.userbuf:${doc['TLS.userbuf']}\n` : '';
  const content = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n${userbuf}`;
  const expected = createHmac('sha256', params.secretKey).update(content).digest();
  const given = Buffer.from(sig, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 70009, reason: 'UserSig verification failed' };
  }
  const nowSeconds = params.nowSeconds ?? Math.floor(Date.now() / 1000);
  // A signature dated ahead of the clock (beyond a little skew) was not made by an honest signer now.
  if (time > nowSeconds + USERSIG_MAX_FUTURE_SECONDS) {
    return { ok: false, code: 70009, reason: 'UserSig verification failed (dated in the future)' };
  }
  if (time + expire <= nowSeconds) return { ok: false, code: 70001, reason: 'UserSig expired' };
  return { ok: true, expiresAt: time + expire };
}
