import { describe, expect, it } from 'vitest';
import { FriendStatus as St } from '../../lib/domain/friendship.js';
import { call } from '../support/call.js';
import { befriend, edgeOf, expectRefused, invite, S, U, users } from '../support/sealtalk.js';
import { streamDrained } from '../support/stream.js';

/**
 * Profile (docs/behaviour.md#users): set_nickname, set_portrait_uri, set_gender, set_privacy, get_privacy — and the card
 * copies friends hold.
 */

const profileOf = async (id: string) => (await call(U.get, { as: id, params: { id } })).body.result;

describe('POST /user/set_nickname', () => {
  it('sets 1–32 characters, answers {"code":200}, and every friend sees it in /friendship/all and the profile', async () => {
    await users('nk-me', 'nk-f1', 'nk-f2', 'nk-asker');
    await befriend('nk-me', 'nk-f1');
    await befriend('nk-f2', 'nk-me');
    await invite('nk-me', 'nk-asker');

    const out = await call(U.setNickname, { as: 'nk-me', body: { nickname: '昵'.repeat(32) } });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ code: 200 });
    await streamDrained();
    expect((await profileOf('nk-me')).nickname).toBe('昵'.repeat(32));
    for (const holder of ['nk-f1', 'nk-f2', 'nk-asker']) {
      const list = (await call(S.all, { as: holder })).body.result as Array<{ user: { id: string; nickname: string } }>;
      expect(list.find((entry) => entry.user.id === 'nk-me')?.user.nickname, holder).toBe('昵'.repeat(32));
    }
    expect((await call(S.profile, { as: 'nk-f1', params: { friendId: 'nk-me' } })).body.result.user.nickname).toBe('昵'.repeat(32));
    // the changer's own edges keep their friends' cards
    expect((await edgeOf('nk-me', 'nk-f1'))?.peer.nickname).toBe('nk-f1');
  });

  it('a deleted friend still holds a fresh card; "" and 33 characters are 400, nothing written', async () => {
    await users('nk2-me', 'nk2-f');
    await befriend('nk2-me', 'nk2-f');
    await call(S.delete, { as: 'nk2-f', body: { friendId: 'nk2-me' } });
    await call(U.setNickname, { as: 'nk2-me', body: { nickname: 'New' } });
    await streamDrained();
    expect(await edgeOf('nk2-f', 'nk2-me')).toMatchObject({ status: St.Deleted, peer: { nickname: 'New' } });

    await expectRefused(() => call(U.setNickname, { as: 'nk2-me', body: { nickname: '' } }), 400, /nickname: must not be empty/);
    await expectRefused(
      () => call(U.setNickname, { as: 'nk2-me', body: { nickname: 'n'.repeat(33) } }),
      400,
      /nickname: must be at most 32 characters/,
    );
    await expectRefused(() => call(U.setNickname, { as: 'nk2-me', body: { nickname: 5 } }), 400, /nickname/);
    await expectRefused(() => call(U.setNickname, { as: 'nk2-me', body: {} }), 400, /nickname/);
  });
});

describe('POST /user/set_portrait_uri and /user/set_gender', () => {
  it('set the fields, answer {"code":200}, and refresh the friends\' copies', async () => {
    await users('pg-me', 'pg-f');
    await befriend('pg-me', 'pg-f');
    expect((await call(U.setPortraitUri, { as: 'pg-me', body: { portraitUri: 'http://x/p.png' } })).body).toEqual({ code: 200 });
    expect((await call(U.setGender, { as: 'pg-me', body: { gender: 'female' } })).body).toEqual({ code: 200 });
    expect(await profileOf('pg-me')).toMatchObject({ portraitUri: 'http://x/p.png', gender: 'female' });
    await streamDrained();
    const card = (await call(S.profile, { as: 'pg-f', params: { friendId: 'pg-me' } })).body.result.user;
    expect(card).toMatchObject({ portraitUri: 'http://x/p.png', gender: 'female' });
    expect((await call(U.setGender, { as: 'pg-me', body: { gender: 'male' } })).status).toBe(200);
    expect((await profileOf('pg-me')).gender).toBe('male');
  });

  it('refuse a bad portrait or gender with 400, nothing written', async () => {
    await users('pg2-me');
    await expectRefused(() => call(U.setPortraitUri, { as: 'pg2-me', body: { portraitUri: '' } }), 400, /portraitUri/);
    await expectRefused(() => call(U.setPortraitUri, { as: 'pg2-me', body: { portraitUri: 'u'.repeat(1025) } }), 400, /portraitUri/);
    await expectRefused(() => call(U.setPortraitUri, { as: 'pg2-me', body: { portraitUri: null } }), 400, /portraitUri/);
    await expectRefused(() => call(U.setGender, { as: 'pg2-me', body: { gender: 'other' } }), 400, /gender: must be "male" or "female"/);
    await expectRefused(() => call(U.setGender, { as: 'pg2-me', body: { gender: 'MALE' } }), 400, /gender/);
    await expectRefused(() => call(U.setGender, { as: 'pg2-me', body: {} }), 400, /gender/);
  });
});

describe('POST /user/set_privacy and GET /user/get_privacy', () => {
  it('friVerify is 1 by default, set to 0 or 1, read back as {friVerify}', async () => {
    await users('pv-me');
    expect((await call(U.getPrivacy, { as: 'pv-me' })).body).toEqual({ code: 200, result: { friVerify: 1 } });
    expect((await call(U.setPrivacy, { as: 'pv-me', body: { friVerify: 0 } })).body).toEqual({ code: 200 });
    expect((await call(U.getPrivacy, { as: 'pv-me' })).body).toEqual({ code: 200, result: { friVerify: 0 } });
    expect((await call(U.setPrivacy, { as: 'pv-me', body: { friVerify: 1 } })).status).toBe(200);
    expect((await call(U.getPrivacy, { as: 'pv-me' })).body).toEqual({ code: 200, result: { friVerify: 1 } });
  });

  it('friVerify other than the numbers 0 or 1 is 400, nothing written', async () => {
    await users('pv2-me');
    for (const friVerify of [2, -1, '0', true, null, 0.5]) {
      await expectRefused(() => call(U.setPrivacy, { as: 'pv2-me', body: { friVerify } }), 400, /friVerify: must be 0 or 1/);
    }
    await expectRefused(() => call(U.setPrivacy, { as: 'pv2-me', body: {} }), 400, /friVerify/);
  });
});
