import { beforeAll, describe, it } from 'vitest';
import { call } from '../support/call.js';
import { befriend, expectRefused, invite, S, users } from '../support/sealtalk.js';

/**
 * Bad input on the friendship routes (docs/behaviour.md#errors-and-input): malformed input is 400 in SealTalk's `{code, message}` and
 * writes nothing, whatever state the pair is in (here: a pending request and a friendship).
 */

/** Routes whose body is `{friendId, …}`, with the other fields a valid call needs. */
const FRIEND_ID_ROUTES = [
  [S.invite, { message: 'hi' }],
  [S.agree, {}],
  [S.ignore, {}],
  [S.delete, {}],
  [S.setDisplayName, { displayName: 'n' }],
  [S.setFriendDescription, { description: 'd' }],
  [S.getFriendDescription, {}],
] as const;

const BAD_FRIEND_IDS: Array<[string, unknown]> = [
  ['missing', undefined],
  ['a number', 42],
  ['null', null],
  ['an array', ['bi-b']],
  ['an object', { id: 'bi-b' }],
  ['empty', ''],
  ['over 128 characters', 'b'.repeat(129)],
  ['with a control character', 'bi-\u0000b'],
];

const NOT_OBJECTS = ['not json', '{"friendId":', 'null', '[]', '"bi-b"', '42'];

beforeAll(async () => {
  await users('bi-a', 'bi-b', 'bi-c');
  await invite('bi-a', 'bi-b');
  await befriend('bi-a', 'bi-c');
});

describe('malformed friendship input → 400, nothing written', () => {
  for (const [route, rest] of FRIEND_ID_ROUTES) {
    it(`${route.path}: bad friendId and bodies that are not an object`, async () => {
      for (const [what, friendId] of BAD_FRIEND_IDS) {
        const body = friendId === undefined ? { ...rest } : { ...rest, friendId };
        await expectRefused(() => call(route, { as: 'bi-b', body }), 400, /friendId/).catch((error: Error) => {
          throw new Error(`friendId ${what}: ${error.message}`);
        });
      }
      for (const text of NOT_OBJECTS) {
        await expectRefused(() => call(route, { as: 'bi-b', body: text }), 400).catch((error: Error) => {
          throw new Error(`body ${text}: ${error.message}`);
        });
      }
    });
  }

  it('wrong types of the other fields', async () => {
    await expectRefused(() => call(S.invite, { as: 'bi-c', body: { friendId: 'bi-b', message: 7 } }), 400, /message/);
    await expectRefused(() => call(S.invite, { as: 'bi-c', body: { friendId: 'bi-b', message: null } }), 400, /message/);
    await expectRefused(() => call(S.setDisplayName, { as: 'bi-a', body: { friendId: 'bi-c', displayName: null } }), 400, /displayName/);
    await expectRefused(() => call(S.setDisplayName, { as: 'bi-a', body: { friendId: 'bi-c', displayName: ['x'] } }), 400, /displayName/);
    for (const field of ['displayName', 'region', 'phone', 'description', 'imageUri']) {
      await expectRefused(
        () => call(S.setFriendDescription, { as: 'bi-a', body: { friendId: 'bi-c', region: '86', phone: '1', [field]: 1 } }),
        400,
        new RegExp(field),
      );
    }
    await expectRefused(
      () => call(S.setFriendDescription, { as: 'bi-a', body: { friendId: 'bi-c', imageUri: 'u'.repeat(1025) } }),
      400,
      /imageUri/,
    );
  });

  it('unknown users: 404 (or 403 for a profile), nothing written', async () => {
    await expectRefused(() => call(S.invite, { as: 'bi-a', body: { friendId: 'bi-nobody' } }), 404);
    await expectRefused(() => call(S.agree, { as: 'bi-a', body: { friendId: 'bi-nobody' } }), 404);
    await expectRefused(() => call(S.ignore, { as: 'bi-a', body: { friendId: 'bi-nobody' } }), 404);
    await expectRefused(() => call(S.delete, { as: 'bi-a', body: { friendId: 'bi-nobody' } }), 404);
    await expectRefused(() => call(S.setDisplayName, { as: 'bi-a', body: { friendId: 'bi-nobody', displayName: 'x' } }), 404);
    await expectRefused(() => call(S.setFriendDescription, { as: 'bi-a', body: { friendId: 'bi-nobody', description: 'x' } }), 404);
    await expectRefused(() => call(S.getFriendDescription, { as: 'bi-a', body: { friendId: 'bi-nobody' } }), 404);
    await expectRefused(() => call(S.profile, { as: 'bi-a', params: { friendId: 'bi-nobody' } }), 403);
  });
});
