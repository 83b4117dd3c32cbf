import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from '../../lib/auth/jwt.js';
import { BAD_USER_IDS } from '../support/user-ids.js';

const SECRET = 'jwt-unit-secret';
const NOW = 1_800_000_000;

describe('local JWT check', () => {
  it('accepts a signed token within its lifetime', () => {
    expect(verifyJwt(signJwt({ sub: 'a', iat: NOW, exp: NOW + 60 }, SECRET), SECRET, NOW)).toMatchObject({ ok: true });
  });

  it.each([
    ['exp as a string', { exp: String(NOW + 60) }],
    ['exp as null', { exp: null }],
    ['nbf as a string', { nbf: '1' }],
    ['iat as an object', { iat: {} }],
  ])('refuses a signed token with %s (never a token without an expiry)', (_, claims) => {
    expect(verifyJwt(signJwt({ sub: 'a', ...claims } as Record<string, unknown>, SECRET), SECRET, NOW)).toMatchObject({ ok: false });
  });

  it('refuses an expired token and one not valid yet', () => {
    expect(verifyJwt(signJwt({ sub: 'a', exp: NOW }, SECRET), SECRET, NOW)).toEqual({ ok: false, reason: 'token expired' });
    const early = signJwt({ sub: 'a', nbf: NOW + 1, exp: NOW + 60 }, SECRET);
    expect(verifyJwt(early, SECRET, NOW)).toEqual({ ok: false, reason: 'token not yet valid' });
  });

  it('refuses a signed token without exp (it would be good forever)', () => {
    expect(verifyJwt(signJwt({ sub: 'a', iat: NOW }, SECRET), SECRET, NOW)).toEqual({ ok: false, reason: 'token has no expiry' });
  });

  const badSubs: Array<[string, unknown]> = [...BAD_USER_IDS, ['a number', 42]];
  it.each(badSubs)('refuses a signed token whose sub breaks the user-id rule: %s', (_, sub) => {
    expect(verifyJwt(signJwt({ sub, exp: NOW + 60 } as Record<string, unknown>, SECRET), SECRET, NOW)).toMatchObject({ ok: false });
  });

  it('accepts the longest valid sub: 128 characters of 4 bytes', () => {
    expect(verifyJwt(signJwt({ sub: '😀'.repeat(128), exp: NOW + 60 }, SECRET), SECRET, NOW)).toMatchObject({ ok: true });
  });
});
