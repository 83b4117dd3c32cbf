import { describe, expect, it } from 'vitest';
import { REGISTER_CALLER_ATTRIBUTES, REGISTER_CALLER_LEADING_KEYS } from '../../infra/table-access.js';
import { userFromClaims } from '../../lib/domain/user.js';
import { getItem } from '../../lib/store/items.js';
import { keys } from '../../lib/store/keys.js';
import { registerCaller } from '../../lib/usecases/register-caller.js';

/**
 * Read routes may PutItem only what `registerCaller` writes (infra/table-access.ts). This runs the real
 * registration against DynamoDB Local and checks the IAM condition would allow every item it
 * writes, so a new user attribute cannot silently break first calls in AWS.
 */
const matchesLeadingKey = (pk: string) => REGISTER_CALLER_LEADING_KEYS.some((pattern) => pk.startsWith(pattern.replace(/\*$/, '')));

describe("the read routes' caller-registration grant", () => {
  it('allows every item a first call writes (user and phone claim, every attribute)', async () => {
    const claims = {
      nickname: 'Grant',
      phone_number: '+8613900000077',
      given_name: 'G',
      family_name: 'R',
      name: 'G R',
      picture: 'https://x/y.png',
      zoneinfo: 'Asia/Shanghai',
      location: 'SH',
      expertise: 'tea',
      gender: 'female',
    };
    await registerCaller('grant-user', claims, Date.now());
    const user = await getItem<Record<string, unknown>>(keys.user('grant-user'), true);
    const phone = await getItem<Record<string, unknown>>(keys.phone(userFromClaims('grant-user', claims, 0).phone), true);
    for (const item of [user, phone]) {
      expect(item).toBeDefined();
      expect(matchesLeadingKey(String(item!.pk))).toBe(true);
      expect(Object.keys(item!).filter((name) => !REGISTER_CALLER_ATTRIBUTES.includes(name))).toEqual([]);
    }
  });

  it('does not allow a friendship edge, a block or a contact', () => {
    expect(REGISTER_CALLER_ATTRIBUTES).not.toContain('status');
    expect(REGISTER_CALLER_ATTRIBUTES).not.toContain('blockedId');
    expect(REGISTER_CALLER_ATTRIBUTES).not.toContain('peer');
  });
});
