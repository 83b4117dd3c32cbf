import { describe, expect, it } from 'vitest';
import { CONTACT_AREAS } from '../../lib/domain/contact.js';
import { userFromClaims } from '../../lib/domain/user.js';
import { featGroupId, messageId } from '../../lib/schemas/featapi.js';
import { userId, USER_ID_MAX_CHARS } from '../../lib/schemas/common.js';
import { conversationId, timGroupId } from '../../lib/schemas/tencent.js';
import { setStAccountBody } from '../../lib/schemas/user.js';
import { COUNTERS } from '../../lib/store/counters.js';
import * as keyModule from '../../lib/store/keys.js';

/**
 * No key over DynamoDB's limits can ever be formed (docs/identity-and-privacy.md): every key builder
 * of `lib/store/keys.ts` — the `keys` of each entity, every index's `pk`/`sk`, and whatever is added
 * there later — is called with the longest values its inputs can hold, and each key it builds must fit
 * 2,048 bytes (partition) and 1,024 bytes (sort) in UTF-8. The walk finds the builders itself, and a
 * parameter name it does not know fails the test, so a new key cannot slip past.
 */
const PARTITION_KEY_MAX_BYTES = 2048;
const SORT_KEY_MAX_BYTES = 1024;
const bytes = (value: string) => Buffer.byteLength(value, 'utf8');

/** UTF-8 needs at most 4 bytes per character: the longest id is 128 of them. */
const LONGEST_USER_ID = '😀'.repeat(USER_ID_MAX_CHARS);
/** Tencent group ids are limited in UTF-16 units: BMP characters of 3 bytes make the longest. */
const LONGEST_TIM_GROUP_ID = '中'.repeat(48);
const LONGEST_ST_ACCOUNT = `A${'a'.repeat(19)}`;
/** A phone from the token's claims, as the user record keeps it (the holder's phone is what keys carry). */
const LONGEST_PHONE = userFromClaims('x', { phone: '😀'.repeat(200), region: '1' }, 0).phone;
const LONGEST_NUMBER = Number.MAX_VALUE;

describe('the longest values the keys are built from are the longest the input rules let through', () => {
  it('user ids (and FeatAPI message ids): 128 characters of 4 bytes pass, one more character is refused', () => {
    expect(bytes(LONGEST_USER_ID)).toBe(512);
    for (const rule of [userId, messageId]) {
      expect(rule.safeParse(LONGEST_USER_ID).success).toBe(true);
      expect(rule.safeParse(`${LONGEST_USER_ID}a`).success).toBe(false);
      expect(rule.safeParse('a'.repeat(USER_ID_MAX_CHARS + 1)).success).toBe(false);
    }
  });

  it('Tencent group ids, stAccounts, phones and FeatAPI group ids', () => {
    expect(timGroupId.safeParse(LONGEST_TIM_GROUP_ID).success).toBe(true);
    expect(timGroupId.safeParse(`${LONGEST_TIM_GROUP_ID}中`).success).toBe(false);
    expect(timGroupId.safeParse('😀'.repeat(25)).success).toBe(false);
    expect(setStAccountBody.safeParse({ stAccount: LONGEST_ST_ACCOUNT }).success).toBe(true);
    expect(setStAccountBody.safeParse({ stAccount: `${LONGEST_ST_ACCOUNT}a` }).success).toBe(false);
    expect(bytes(LONGEST_PHONE)).toBeLessThanOrEqual(128);
    expect(bytes(LONGEST_PHONE)).toBeGreaterThanOrEqual(64);
    expect(featGroupId.safeParse(Number.MAX_SAFE_INTEGER + 1).success).toBe(false);
  });
});

/**
 * The longest (and, for small closed sets, every) value of each parameter a key builder takes,
 * by the parameter's name in `keys.ts`.
 */
const LONGEST: Record<string, readonly unknown[]> = {
  userId: [LONGEST_USER_ID],
  me: [LONGEST_USER_ID],
  friend: [LONGEST_USER_ID],
  other: [LONGEST_USER_ID],
  blocker: [LONGEST_USER_ID],
  // Reverse rows: the user a row names, and the owner of the record it mirrors.
  peer: [LONGEST_USER_ID],
  owner: [LONGEST_USER_ID],
  // A contact's peer: a user id, a FeatAPI group id or a Tencent group id.
  peerId: [LONGEST_USER_ID, String(Number.MAX_SAFE_INTEGER), LONGEST_TIM_GROUP_ID],
  messageId: [LONGEST_USER_ID],
  phone: [LONGEST_PHONE, '9'.repeat(20)],
  // An stAccount, or a Tencent account (a user id) that conversation marks name.
  account: [LONGEST_ST_ACCOUNT, LONGEST_USER_ID],
  name: Object.values(COUNTERS),
  groupId: [Number.MAX_SAFE_INTEGER],
  chunk: [Number.MAX_SAFE_INTEGER, LONGEST_NUMBER],
  conversationId: [conversationId({ Type: 1, To_Account: LONGEST_USER_ID }), conversationId({ Type: 2, ToGroupId: LONGEST_TIM_GROUP_ID })],
  kind: ['user', 'group'],
  area: [...CONTACT_AREAS, 'all'],
  contactTime: [LONGEST_NUMBER, -LONGEST_NUMBER, Number.MAX_SAFE_INTEGER],
  seq: [LONGEST_NUMBER, Number.MAX_SAFE_INTEGER],
  pinned: [true, false],
  contact: [{}, { pinned: true }, { hidden: true }],
  // idFromSk reads a key back: its input is the longest sort key.
  sk: [`FRIEND#${LONGEST_USER_ID}`],
  prefix: ['FRIEND#'],
  // contactIndex.isSk tells a contact-list sort key: its input is the longest one.
  value: [`${'0'.repeat(15)}#U#${LONGEST_USER_ID}`],
};

/** Parameter names of a builder, from its source (`(me, other) => …`, `userId => …`, `function f(a, b)`). */
function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const source = fn.toString();
  const list = source.match(/^(?:async\s*)?(?:function\s*[\w$]*\s*)?\(([^)]*)\)/)?.[1] ?? source.match(/^([\w$]+)\s*=>/)?.[1] ?? '';
  return list
    .split(',')
    .map((param) => param.trim().split(/[\s=:]/)[0]!)
    .filter(Boolean);
}

function cartesian(lists: ReadonlyArray<readonly unknown[]>): unknown[][] {
  return lists.reduce<unknown[][]>((combos, list) => combos.flatMap((combo) => list.map((value) => [...combo, value])), [[]]);
}

interface BuiltKey {
  builder: string;
  kind: 'partition' | 'sort';
  value: string;
}

/** `pk`-named members and `…Pk` functions build partition keys; any other string a builder makes is held to the sort key's limit. */
const kindOf = (name: string): BuiltKey['kind'] => (/(^|\.)pk(Of)?$|Pk$/.test(name) ? 'partition' : 'sort');

/** Every key every builder in keys.ts makes from the longest inputs, found by walking the module's exports. */
function everyLongestKey(): { built: BuiltKey[]; builders: string[] } {
  const built: BuiltKey[] = [];
  const builders: string[] = [];
  const collect = (name: string, result: unknown) => {
    if (typeof result === 'string') built.push({ builder: name, kind: kindOf(name), value: result });
    else if (result && typeof result === 'object' && 'pk' in result && 'sk' in result) {
      const key = result as keyModule.Key;
      built.push({ builder: name, kind: 'partition', value: key.pk }, { builder: name, kind: 'sort', value: key.sk });
    }
  };
  const walk = (name: string, value: unknown): void => {
    if (typeof value === 'function') {
      builders.push(name);
      const params = parameterNames(value as (...args: never[]) => unknown);
      for (const param of params) {
        if (!LONGEST[param]) throw new Error(`${name}: no longest value known for parameter "${param}"; add it to LONGEST in this test`);
      }
      for (const args of cartesian(params.map((param) => LONGEST[param]!))) collect(name, (value as (...a: unknown[]) => unknown)(...args));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(`${name}[${i}]`, item));
    } else if (value && typeof value === 'object') {
      for (const [member, inner] of Object.entries(value)) walk(`${name}.${member}`, inner);
    } else if (typeof value === 'string' && name.includes('.')) {
      collect(name, value);
    }
  };
  for (const [name, value] of Object.entries(keyModule)) walk(name, value);
  return { built, builders };
}

describe('every key keys.ts can build from the longest valid input fits DynamoDB', () => {
  let walked: ReturnType<typeof everyLongestKey> | undefined;
  const walk = () => (walked ??= everyLongestKey());

  it('the walk reaches every entity key and every index key', () => {
    const { built, builders } = walk();
    for (const name of Object.keys(keyModule.keys)) expect(builders).toContain(`keys.${name}`);
    const indexKeys = [
      'userPhoneIndex.pk',
      'conversationMarksIndex.pk',
      'conversationMarksIndex.sk',
      'contactIndex.pk',
      'contactIndex.sk',
      'blockedContactsIndex.pk',
      'recentContactsIndex.pk',
      'recentContactsIndex.pkOf',
      'userPk',
    ];
    for (const index of indexKeys) {
      expect(builders).toContain(index);
    }
    expect(built.length).toBeGreaterThan(50);
  });

  it(`partition keys ≤ ${PARTITION_KEY_MAX_BYTES} bytes, sort keys ≤ ${SORT_KEY_MAX_BYTES} bytes (UTF-8)`, () => {
    const { built } = walk();
    const over = built.filter(({ kind, value }) => bytes(value) > (kind === 'partition' ? PARTITION_KEY_MAX_BYTES : SORT_KEY_MAX_BYTES));
    expect(over.map(({ builder, kind, value }) => `${builder} ${kind} key of ${bytes(value)} bytes`)).toEqual([]);
  });

  it('the longest keys are the ones built from the longest ids (the walk used them)', () => {
    const { built } = walk();
    const longest = Math.max(...built.map(({ value }) => bytes(value)));
    expect(longest).toBeGreaterThanOrEqual(bytes(LONGEST_USER_ID));
    expect(bytes(keyModule.keys.friendEdge(LONGEST_USER_ID, LONGEST_USER_ID).sk)).toBe(7 + 512);
  });
});
