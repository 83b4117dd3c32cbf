import { describe, expect, it } from 'vitest';
import { FriendStatus as St } from '../../lib/domain/friendship.js';
import { call } from '../support/call.js';
import {
  befriend,
  blockExists,
  expectNoWrite,
  expectRefused,
  invite,
  SEALTALK_USER_KEYS,
  statuses,
  U,
  userWithPhone,
  users,
} from '../support/sealtalk.js';

/** The blacklist (docs/behaviour.md#users): add_to_blacklist, remove_from_blacklist, GET blacklist. */

const add = (as: string, friendId: unknown) => call(U.addToBlacklist, { as, body: { friendId } });
const remove = (as: string, friendId: unknown) => call(U.removeFromBlacklist, { as, body: { friendId } });
const list = async (as: string) => (await call(U.blacklist, { as })).body;

describe('blacklist add / list / remove', () => {
  it('adds, lists as [{user:{…}}], removes; each answers {"code":200}', async () => {
    await users('bk-me', 'bk-x');
    await userWithPhone('bk-y', '13900000123', '86', { nickname: 'Why' });
    expect(await list('bk-me')).toEqual({ code: 200, result: [] });

    const added = await add('bk-me', 'bk-y');
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ code: 200 });
    await add('bk-me', 'bk-x');
    const listed = await list('bk-me');
    for (const entry of listed.result) {
      expect(Object.keys(entry)).toEqual(['user']);
      expect(Object.keys(entry.user)).toEqual(SEALTALK_USER_KEYS);
    }
    expect(listed.result).toEqual(
      expect.arrayContaining([
        // Phone and region only for friends (docs/identity-and-privacy.md): a blacklist shows neither.
        { user: { id: 'bk-y', nickname: 'Why', region: '', phone: '', portraitUri: '', gender: '', stAccount: '' } },
        { user: expect.objectContaining({ id: 'bk-x' }) },
      ]),
    );
    expect(listed.result).toHaveLength(2);
    expect((await list('bk-y')).result).toEqual([]); // one direction only

    const removed = await remove('bk-me', 'bk-y');
    expect(removed.body).toEqual({ code: 200 });
    expect((await list('bk-me')).result.map((entry: { user: { id: string } }) => entry.user.id)).toEqual(['bk-x']);
    expect(await blockExists('bk-me', 'bk-y')).toBe(false);
  });

  it('adding twice keeps one entry; removing someone not listed writes nothing', async () => {
    await users('bk2-me', 'bk2-x');
    await add('bk2-me', 'bk2-x');
    await expectNoWrite(async () => expect((await add('bk2-me', 'bk2-x')).body).toEqual({ code: 200 }));
    expect((await list('bk2-me')).result).toHaveLength(1);
    await remove('bk2-me', 'bk2-x');
    await expectNoWrite(async () => expect((await remove('bk2-me', 'bk2-x')).body).toEqual({ code: 200 }));
  });

  it("blacklisting leaves friendship edges as they are; the blocked user's invite is None until removed", async () => {
    await users('bk3-me', 'bk3-f', 'bk3-s');
    await befriend('bk3-me', 'bk3-f');
    await add('bk3-me', 'bk3-f');
    expect(await statuses('bk3-me', 'bk3-f')).toEqual([St.Agreed, St.Agreed]);

    await add('bk3-me', 'bk3-s');
    expect((await invite('bk3-s', 'bk3-me')).body.result).toEqual({ action: 'None' });
    await remove('bk3-me', 'bk3-s');
    expect((await invite('bk3-s', 'bk3-me')).body.result).toEqual({ action: 'Sent' });
  });

  it('yourself is 400, an unknown user 404, bad ids 400; nothing written', async () => {
    await users('bk4-me');
    await expectRefused(() => add('bk4-me', 'bk4-me'), 400, /yourself/);
    await expectRefused(() => add('bk4-me', 'bk4-ghost'), 404, 'Unknown user: bk4-ghost');
    await expectRefused(() => remove('bk4-me', 'bk4-ghost'), 404, 'Unknown user: bk4-ghost');
    for (const bad of [undefined, '', 42, null, ['x'], 'x'.repeat(129)]) {
      await expectRefused(() => add('bk4-me', bad), 400, /friendId/);
      await expectRefused(() => remove('bk4-me', bad), 400, /friendId/);
    }
    await expectRefused(() => call(U.addToBlacklist, { as: 'bk4-me', body: 'not json' }), 400);
  });
});
