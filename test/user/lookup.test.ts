import { describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../lib/errors.js';
import { db, tableName } from '../../lib/store/client.js';
import { getItem } from '../../lib/store/items.js';
import { keys, userPhoneIndex } from '../../lib/store/keys.js';
import { metered } from '../../lib/meter.js';
import { GSI1 } from '../../lib/store/table-definition.js';
import { userByPhone } from '../../lib/usecases/users.js';
import { call, claimsFor } from '../support/call.js';
import {
  befriend,
  expectRefused,
  expectSealTalkError,
  invite,
  S,
  SEALTALK_USER_KEYS,
  U,
  userWithPhone,
  users,
} from '../support/sealtalk.js';

/** User reads (docs/behaviour.md#users): GET /user/{id} and GET /user/find/{region}/{phone}; the record made from the token. */

describe('GET /user/{id}', () => {
  it('answers the profile made from the token\'s claims on the first call; a stranger gets phone and region as ""', async () => {
    await userWithPhone('lk-tina', '18221252163', '86', { nickname: 'Tina', picture: 'http://x/tina.png', gender: 'female' });
    await users('lk-asker');
    const out = await call(U.get, { as: 'lk-asker', params: { id: 'lk-tina' } });
    expect(out.status).toBe(200);
    expect(Object.keys(out.body.result)).toEqual(SEALTALK_USER_KEYS);
    expect(out.body).toEqual({
      code: 200,
      result: { id: 'lk-tina', nickname: 'Tina', region: '', phone: '', portraitUri: 'http://x/tina.png', gender: 'female', stAccount: '' },
    });
  });

  it('shows phone and region only to the user themself and to agreed friends', async () => {
    const TINA = { region: '86', phone: '18221252164' };
    const HIDDEN = { region: '', phone: '' };
    await userWithPhone('pv-tina', TINA.phone, TINA.region);
    await users('pv-friend', 'pv-stranger', 'pv-asked', 'pv-asker', 'pv-deleted', 'pv-blocked');
    await befriend('pv-friend', 'pv-tina');
    await invite('pv-asked', 'pv-tina');
    await invite('pv-tina', 'pv-asker');
    await befriend('pv-deleted', 'pv-tina');
    await call(S.delete, { as: 'pv-deleted', body: { friendId: 'pv-tina' } });
    const seenBy = async (viewer: string) => {
      const out = await call(U.get, { as: viewer, params: { id: 'pv-tina' } });
      expect(out.status, JSON.stringify(out.body)).toBe(200);
      return { region: out.body.result.region, phone: out.body.result.phone };
    };
    expect(await seenBy('pv-tina')).toEqual(TINA);
    expect(await seenBy('pv-friend')).toEqual(TINA);
    expect(await seenBy('pv-stranger')).toEqual(HIDDEN);
    // A pending request either way is not a friendship, nor is one I deleted.
    expect(await seenBy('pv-asked')).toEqual(HIDDEN);
    expect(await seenBy('pv-asker')).toEqual(HIDDEN);
    expect(await seenBy('pv-deleted')).toEqual(HIDDEN);
    // A friend Tina blocks sees no more than a stranger, though the friendship edges stay.
    await befriend('pv-blocked', 'pv-tina');
    expect(await seenBy('pv-blocked')).toEqual(TINA);
    expect((await call(U.addToBlacklist, { as: 'pv-tina', body: { friendId: 'pv-blocked' } })).status).toBe(200);
    expect(await seenBy('pv-blocked')).toEqual(HIDDEN);

    // The same rule in the lists that carry Tina's card: /friendship/all (agreed edges only) and /user/blacklist.
    const inList = async (viewer: string) => {
      const entry = (await call(S.all, { as: viewer })).body.result.find((item: { user: { id: string } }) => item.user.id === 'pv-tina');
      return { region: entry.user.region, phone: entry.user.phone };
    };
    expect(await inList('pv-friend')).toEqual(TINA);
    expect(await inList('pv-asked')).toEqual(HIDDEN);
    expect(await inList('pv-asker')).toEqual(HIDDEN);
    expect(await inList('pv-deleted')).toEqual(HIDDEN);
    expect((await call(U.addToBlacklist, { as: 'pv-stranger', body: { friendId: 'pv-tina' } })).status).toBe(200);
    const blocked = (await call(U.blacklist, { as: 'pv-stranger' })).body.result;
    expect(blocked).toEqual([{ user: expect.objectContaining({ id: 'pv-tina', ...HIDDEN }) }]);
  });

  it('splits an E.164 phone_number claim into region and phone', async () => {
    await call(U.getPrivacy, { as: claimsFor('lk-e164', { phone_number: '+8613900000077' }) });
    expect((await call(U.get, { as: 'lk-e164', params: { id: 'lk-e164' } })).body.result).toMatchObject({
      region: '86',
      phone: '13900000077',
    });
  });

  it('404 for an unknown user, 400 for a bad id; nothing written', async () => {
    await users('lk-me');
    await expectRefused(() => call(U.get, { as: 'lk-me', params: { id: 'lk-nobody' } }), 404, 'Unknown user: lk-nobody');
    await expectRefused(() => call(U.get, { as: 'lk-me', params: { id: 'x'.repeat(129) } }), 400, /id/);
    await expectRefused(() => call(U.get, { as: 'lk-me', params: { id: 'a\u0001b' } }), 400, /id/);
  });
});

describe('GET /user/find/{region}/{phone}', () => {
  it("answers {id, nickname, portraitUri, gender, stAccount} of the phone's holder", async () => {
    await userWithPhone('fp-tom', '18700002234', '86', { nickname: 'Tom' });
    await users('fp-me');
    const out = await call(U.findByPhone, { as: 'fp-me', params: { region: '86', phone: '18700002234' } });
    expect(out.status).toBe(200);
    expect(Object.keys(out.body.result)).toEqual(['id', 'nickname', 'portraitUri', 'gender', 'stAccount']);
    expect(out.body).toEqual({ code: 200, result: { id: 'fp-tom', nickname: 'Tom', portraitUri: '', gender: '', stAccount: '' } });
  });

  it('404 for an unknown phone or the wrong region; 400 for a malformed one; nothing written', async () => {
    await userWithPhone('fp2-tom', '18700002299', '86');
    await users('fp2-me');
    const find = (region: string, phone: string) => () => call(U.findByPhone, { as: 'fp2-me', params: { region, phone } });
    await expectRefused(find('86', '18799999999'), 404, 'No user has this phone number.');
    await expectRefused(find('1', '18700002299'), 404, 'No user has this phone number.');
    await expectRefused(find('86', '12'), 400, /phone: must be 3–20 digits/);
    await expectRefused(find('86', '1870000abcd'), 400, /phone/);
    await expectRefused(find('12345', '18700002299'), 400, /region: must be 1–4 digits/);
    await expectRefused(find('+86', '18700002299'), 400, /region/);
  });

  it('a phone already held by another user is not given to a second one', async () => {
    await userWithPhone('fp3-first', '18700003333');
    await userWithPhone('fp3-second', '18700003333');
    expect((await call(U.get, { as: 'fp3-second', params: { id: 'fp3-second' } })).body.result.phone).toBe('');
    expect((await call(U.findByPhone, { as: 'fp3-second', params: { region: '86', phone: '18700003333' } })).body.result.id).toBe(
      'fp3-first',
    );
  });

  it('is one Query of GSI1: the record of a user whose token carried a phone is indexed by it, one without is not', async () => {
    await userWithPhone('fp4-phone', '18700004444', '86', { nickname: 'Pia' });
    await users('fp4-nophone');
    const found = await metered(() => userByPhone('86', '18700004444'));
    expect(found.result).toEqual({ id: 'fp4-phone', nickname: 'Pia', portraitUri: '', gender: '', stAccount: '' });
    expect(found.usage).toMatchObject({ calls: 1, roundTrips: 1, byCommand: { QueryCommand: 1 } });
    const missing = await metered(() => userByPhone('86', '18700004445').catch((error: unknown) => error));
    expect(missing.result).toBeInstanceOf(NotFoundError);
    expect(missing.usage).toMatchObject({ calls: 1, roundTrips: 1, byCommand: { QueryCommand: 1 } });
    expect(await getItem(keys.user('fp4-phone'), true)).toMatchObject({
      gsi1pk: userPhoneIndex.pk('18700004444'),
      gsi1sk: userPhoneIndex.sk,
    });
    const phoneless = await getItem<Record<string, unknown>>(keys.user('fp4-nophone'), true);
    expect(phoneless).toMatchObject({ id: 'fp4-nophone', phone: '' });
    expect(phoneless).not.toHaveProperty('gsi1pk');
    expect(phoneless).not.toHaveProperty('gsi1sk');
  });

  it('indexes only the user who won the phone claim', async () => {
    await userWithPhone('fp5-first', '18700005555');
    await userWithPhone('fp5-second', '18700005555');
    const indexed = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: GSI1.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': userPhoneIndex.pk('18700005555') },
      }),
    );
    expect(indexed.Items?.map((item) => item.id)).toEqual(['fp5-first']);
    expect(await getItem(keys.user('fp5-second'), true)).not.toHaveProperty('gsi1pk');
  });
});

describe('401 without a token on every user route', () => {
  it('answers {code:401, message}', async () => {
    for (const route of Object.values(U)) {
      expectSealTalkError(await call(route, { body: { friendId: 'x' }, params: { id: 'x', region: '86', phone: '123' } }), 401);
    }
  });
});
