import { describe, expect, it } from 'vitest';
import { FriendStatus as St } from '../../lib/domain/friendship.js';
import { call, claimsFor } from '../support/call.js';
import {
  befriend,
  edgeOf,
  expectRefused,
  expectSealTalkError,
  invite,
  S,
  SEALTALK_USER_KEYS,
  U,
  userWithPhone,
  users,
} from '../support/sealtalk.js';
import { streamDrained } from '../support/stream.js';

/**
 * Reads (docs/behaviour.md#friendship-sealtalk): GET all, GET {friendId}/profile, POST get_contacts_info — in SealTalk's
 * documented shapes.
 */

describe('GET /friendship/all', () => {
  it("lists every edge of mine with SealTalk's documented keys, ISO updatedAt and ms updatedTime", async () => {
    await userWithPhone('al-me', '13000000001');
    await userWithPhone('al-f', '13269772766', '86', {
      nickname: '一杯水',
      gender: 'male',
      portraitUri: 'http://7xogjk.com1.z0.glb.clouddn.com/Fo6w',
    });
    await users('al-req', 'al-asker');
    await befriend('al-me', 'al-f');
    await invite('al-me', 'al-req');
    await invite('al-asker', 'al-me', '你好,我是一杯水');

    const out = await call(S.all, { as: 'al-me' });
    expect(out.status).toBe(200);
    expect(Object.keys(out.body)).toEqual(['code', 'result']);
    const byId = new Map((out.body.result as Array<{ user: { id: string } }>).map((entry) => [entry.user.id, entry as any]));
    expect([...byId.keys()].sort()).toEqual(['al-asker', 'al-f', 'al-req']);
    for (const entry of byId.values()) {
      expect(Object.keys(entry)).toEqual(['displayName', 'message', 'status', 'updatedAt', 'updatedTime', 'user']);
      expect(Object.keys(entry.user)).toEqual(SEALTALK_USER_KEYS);
      expect(entry.updatedAt).toBe(new Date(Number(entry.updatedTime)).toISOString());
      expect(entry.updatedTime).toMatch(/^\d{13}$/);
    }
    expect(byId.get('al-f')).toMatchObject({
      displayName: '',
      message: '',
      status: St.Agreed,
      user: {
        id: 'al-f',
        nickname: '一杯水',
        region: '86',
        phone: '13269772766',
        portraitUri: 'http://7xogjk.com1.z0.glb.clouddn.com/Fo6w',
        gender: 'male',
        stAccount: '',
      },
    });
    expect(byId.get('al-req')).toMatchObject({ status: St.Requesting, message: '' });
    expect(byId.get('al-asker')).toMatchObject({ status: St.Requested, message: '你好,我是一杯水' });
    expect(byId.get('al-f').updatedTime).toBe(String((await edgeOf('al-me', 'al-f'))!.updatedAt));
  });

  it('is [] for a user without edges, and 401 without a token', async () => {
    await users('al-empty');
    expect((await call(S.all, { as: 'al-empty' })).body).toEqual({ code: 200, result: [] });
    expectSealTalkError(await call(S.all), 401);
  });
});

describe('GET /friendship/{friendId}/profile', () => {
  it('answers {displayName, user{…}} for a friend', async () => {
    await userWithPhone('pr-a', '13000000002');
    await userWithPhone('pr-b', '18221252163', '86', { nickname: 'Tina', portraitUri: 'http://7xogjk.com1.z0.glb.clouddn.com/Fjs' });
    await befriend('pr-a', 'pr-b');
    await call(S.setDisplayName, { as: 'pr-a', body: { friendId: 'pr-b', displayName: 'Wee' } });
    const out = await call(S.profile, { as: 'pr-a', params: { friendId: 'pr-b' } });
    expect(out.status).toBe(200);
    expect(Object.keys(out.body.result)).toEqual(['displayName', 'user']);
    expect(Object.keys(out.body.result.user)).toEqual(SEALTALK_USER_KEYS);
    expect(out.body).toEqual({
      code: 200,
      result: {
        displayName: 'Wee',
        user: {
          id: 'pr-b',
          nickname: 'Tina',
          region: '86',
          phone: '18221252163',
          portraitUri: 'http://7xogjk.com1.z0.glb.clouddn.com/Fjs',
          gender: '',
          stAccount: '',
        },
      },
    });
  });

  it('403 when not friends (stranger, pending, deleted, unknown); nothing written', async () => {
    await users('pr4-a', 'pr4-b', 'pr4-c');
    const profile = (friendId: string) => call(S.profile, { as: 'pr4-a', params: { friendId } });
    await expectRefused(() => profile('pr4-b'), 403, 'This user is not your friend.');
    await invite('pr4-a', 'pr4-b');
    await expectRefused(() => profile('pr4-b'), 403);
    await befriend('pr4-a', 'pr4-c');
    await call(S.delete, { as: 'pr4-a', body: { friendId: 'pr4-c' } });
    await expectRefused(() => profile('pr4-c'), 403);
    await expectRefused(() => profile('ghost-user'), 403);
    await expectRefused(() => profile('x'.repeat(129)), 400, /friendId/);
  });
});

describe('POST /friendship/get_contacts_info', () => {
  it("answers each phone in order: friend, registered stranger, unregistered (SealTalk's three documented shapes)", async () => {
    await userWithPhone('ci-me', '13000000003');
    await userWithPhone('ci-tom', '18700002234', '86', { nickname: 'Tom', portraitUri: 'http://test.com/user/abc123.jpg' });
    await userWithPhone('ci-ann', '18700002235', '86', { nickname: 'Ann' });
    await befriend('ci-me', 'ci-tom');
    await call(U.setStAccount, { as: 'ci-tom', body: { stAccount: 'ST64532' } });
    await streamDrained();

    const out = await call(S.contactsInfo, { as: 'ci-me', body: { contactList: ['18700002235', '19999999999', '18700002234'] } });
    expect(out.status).toBe(200);
    for (const entry of out.body.result) {
      expect(Object.keys(entry)).toEqual(['registered', 'relationship', 'stAccount', 'phone', 'id', 'nickname', 'portraitUri']);
    }
    expect(out.body).toEqual({
      code: 200,
      result: [
        { registered: 1, relationship: 0, stAccount: '', phone: '18700002235', id: 'ci-ann', nickname: 'Ann', portraitUri: '' },
        { registered: 0, relationship: '', stAccount: '', phone: '19999999999', id: '', nickname: '', portraitUri: '' },
        {
          registered: 1,
          relationship: 1,
          stAccount: 'ST64532',
          phone: '18700002234',
          id: 'ci-tom',
          nickname: 'Tom',
          portraitUri: 'http://test.com/user/abc123.jpg',
        },
      ],
    });
  });

  it('a pending request is relationship 0; a repeated phone is answered twice', async () => {
    await userWithPhone('ci2-me', '13000000004');
    await userWithPhone('ci2-p', '13000000005');
    await invite('ci2-me', 'ci2-p');
    const out = await call(S.contactsInfo, { as: 'ci2-me', body: { contactList: ['13000000005', '13000000005'] } });
    expect(out.body.result.map((entry: { relationship: number; id: string }) => [entry.id, entry.relationship])).toEqual([
      ['ci2-p', 0],
      ['ci2-p', 0],
    ]);
  });

  it('takes 1–500 phones: 500 pass, 0 and 501 are 400; bad elements are 400; nothing written', async () => {
    await users('ci-l');
    const phones = Array.from({ length: 500 }, (_, i) => `1500000${String(i).padStart(4, '0')}`);
    const out = await call(S.contactsInfo, { as: 'ci-l', body: { contactList: phones } });
    expect(out.status).toBe(200);
    expect(out.body.result).toHaveLength(500);
    expect(out.body.result.map((entry: { phone: string }) => entry.phone)).toEqual(phones);

    const send = (contactList: unknown) => () => call(S.contactsInfo, { as: 'ci-l', body: { contactList } });
    await expectRefused(send([]), 400, /contactList: must list at least one phone/);
    await expectRefused(send([...phones, '15000009999']), 400, /contactList: must list at most 500 phones/);
    await expectRefused(send(['13000000000', 13000000000]), 400, /contactList\.1/);
    await expectRefused(send(['']), 400, /contactList\.0: must not be empty/);
    await expectRefused(send(['1'.repeat(33)]), 400, /contactList\.0/);
    await expectRefused(send('13000000000'), 400, /contactList/);
    await expectRefused(() => call(S.contactsInfo, { as: 'ci-l', body: { contacstList: ['13000000000'] } }), 400, /contactList/);
  });
});

describe('401 without a token on every friendship route', () => {
  it("answers {code:401, message} in SealTalk's shape", async () => {
    for (const route of Object.values(S)) {
      const out = await call(route, { body: { friendId: 'x' }, params: { friendId: 'x' } });
      expectSealTalkError(out, 401);
    }
    expectSealTalkError(await call(S.all, { as: claimsFor('') }), 401);
  });
});
