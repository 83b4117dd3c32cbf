import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dropFriendPhone } from '../../lib/store/friend-phones.js';
import { metered } from '../../lib/meter.js';
import { hubWithFriends } from '../bench/seed.js';
import { relate } from '../featapi/helpers.js';
import { wrapSend } from '../faults/inject.js';
import { call } from '../support/call.js';
import { friendPhoneDrift } from '../support/friend-phones.js';
import { befriend, edgeOf, invite, S, U, userWithPhone } from '../support/sealtalk.js';
import { scanTable } from '../support/table-state.js';
import { streamDrained } from '../support/stream.js';

/**
 * get_contacts_info answers from the phone claims (each carrying its holder's card) and my
 * friend-by-phone rows, read together in one wave. These tests drive every write that moves those
 * copies through the real handlers and check the answer and the copies (`friendPhoneDrift`) after each.
 */

const contactsInfo = (as: string, contactList: string[]) => call(S.contactsInfo, { as, body: { contactList } });

/** `as`'s relationship to the holder of each phone, in order. */
async function relationships(as: string, ...phones: string[]): Promise<Array<number | ''>> {
  const out = await contactsInfo(as, phones);
  expect(out.status).toBe(200);
  return out.body.result.map((entry: { relationship: number | '' }) => entry.relationship);
}

/** The drift among one test's own users (ids starting with `prefix`): the tests of this file share a table. */
async function driftOf(prefix: string): Promise<string[]> {
  const mine = (await scanTable()).filter((item) => String(item.userId ?? item.id ?? '').startsWith(prefix));
  return friendPhoneDrift(mine);
}

async function expectNoDrift(prefix: string): Promise<void> {
  expect(await driftOf(prefix)).toEqual([]);
}

describe('one round trip', () => {
  it('reads the claims and my rows in one wave of two BatchGetItem calls, whatever the answer', async () => {
    await userWithPhone('rt-me', '18600000001');
    await userWithPhone('rt-friend', '18600000002', '86', { nickname: 'Friend', portraitUri: 'http://x/f.png' });
    await userWithPhone('rt-known', '18600000003', '86', { nickname: 'Known' });
    await befriend('rt-me', 'rt-friend');

    const { result: out, usage } = await metered(() => contactsInfo('rt-me', ['18600000002', '18600000003', '18699999999']));
    expect(out.body.result).toEqual([
      {
        registered: 1,
        relationship: 1,
        stAccount: '',
        phone: '18600000002',
        id: 'rt-friend',
        nickname: 'Friend',
        portraitUri: 'http://x/f.png',
      },
      { registered: 1, relationship: 0, stAccount: '', phone: '18600000003', id: 'rt-known', nickname: 'Known', portraitUri: '' },
      { registered: 0, relationship: '', stAccount: '', phone: '18699999999', id: '', nickname: '', portraitUri: '' },
    ]);
    expect(usage).toMatchObject({ calls: 2, roundTrips: 1, writeUnits: 0, byCommand: { BatchGetItemCommand: 2 } });

    // 150 phones: each BatchGet splits at 100, all four calls in flight together
    const many = Array.from({ length: 150 }, (_, i) => `1870000${String(i).padStart(4, '0')}`);
    const big = await metered(() => contactsInfo('rt-me', many));
    expect(big.result.body.result).toHaveLength(150);
    expect(big.usage).toMatchObject({ calls: 4, roundTrips: 1, byCommand: { BatchGetItemCommand: 4 } });
  });
});

describe('the answer follows every edge change', () => {
  it('SealTalk: invite, agree, delete, invite again (Added), batch_delete, ignore, AddDirectly', async () => {
    await userWithPhone('st-a', '18610000001');
    await userWithPhone('st-b', '18610000002');
    await userWithPhone('st-c', '18610000003');
    const [A, B, C] = ['18610000001', '18610000002', '18610000003'];
    const both = async () => [await relationships('st-a', B), await relationships('st-b', A)].flat();

    expect((await invite('st-a', 'st-b')).body.result).toEqual({ action: 'Sent' });
    expect(await both()).toEqual([0, 0]);
    await expectNoDrift('st-');
    expect((await call(S.agree, { as: 'st-b', body: { friendId: 'st-a' } })).status).toBe(200);
    expect(await both()).toEqual([1, 1]);
    await expectNoDrift('st-');
    expect((await call(S.delete, { as: 'st-a', body: { friendId: 'st-b' } })).status).toBe(200);
    expect(await both()).toEqual([0, 1]);
    await expectNoDrift('st-');
    expect((await invite('st-a', 'st-b')).body.result).toEqual({ action: 'Added' });
    expect(await both()).toEqual([1, 1]);
    await expectNoDrift('st-');
    expect((await call(S.batchDelete, { as: 'st-b', body: { friendIds: ['st-a', 'st-c'] } })).status).toBe(200);
    expect(await both()).toEqual([1, 0]);
    await expectNoDrift('st-');

    // a request ignored stays 0; a user who adds anyone directly is 1 both ways at once
    await invite('st-c', 'st-a');
    expect((await call(S.ignore, { as: 'st-a', body: { friendId: 'st-c' } })).status).toBe(200);
    expect([await relationships('st-a', C), await relationships('st-c', A)].flat()).toEqual([0, 0]);
    expect((await call(U.setPrivacy, { as: 'st-b', body: { friVerify: 0 } })).status).toBe(200);
    expect((await invite('st-c', 'st-b')).body.result).toEqual({ action: 'AddDirectly' });
    expect([await relationships('st-c', B), await relationships('st-b', C)].flat()).toEqual([1, 1]);
    await expectNoDrift('st-');
  });

  it('FeatAPI: apply, accept, black and unblack, reject, recall, and a crossing apply', async () => {
    await userWithPhone('fa-a', '18620000001');
    await userWithPhone('fa-b', '18620000002');
    await userWithPhone('fa-c', '18620000003');
    const [A, B, C] = ['18620000001', '18620000002', '18620000003'];

    expect((await relate('fa-a', 'apply', 'fa-b')).status).toBe(200);
    expect([await relationships('fa-a', B), await relationships('fa-b', A)].flat()).toEqual([0, 0]);
    expect((await relate('fa-b', 'accept', 'fa-a')).status).toBe(200);
    expect([await relationships('fa-a', B), await relationships('fa-b', A)].flat()).toEqual([1, 1]);
    await expectNoDrift('fa-');
    // blacklisting in either dialect leaves the friendship edges as they are (docs/behaviour.md#contact-list-featapi)
    expect((await relate('fa-a', 'black', 'fa-b')).status).toBe(200);
    expect((await call(U.addToBlacklist, { as: 'fa-b', body: { friendId: 'fa-a' } })).status).toBe(200);
    expect([await relationships('fa-a', B), await relationships('fa-b', A)].flat()).toEqual([1, 1]);
    expect((await relate('fa-a', 'unblack', 'fa-b')).status).toBe(200);
    await expectNoDrift('fa-');

    expect((await relate('fa-c', 'apply', 'fa-a')).status).toBe(200);
    expect((await relate('fa-a', 'reject', 'fa-c')).status).toBe(200);
    expect((await relate('fa-b', 'apply', 'fa-c')).status).toBe(200);
    expect((await relate('fa-b', 'recall', 'fa-c')).status).toBe(200);
    expect([await relationships('fa-c', A, B), await relationships('fa-a', C), await relationships('fa-b', C)].flat()).toEqual([
      0, 0, 0, 0,
    ]);
    // applying to someone who applied to me makes us friends (as SealTalk's invite: Added)
    expect((await relate('fa-c', 'apply', 'fa-b')).status).toBe(200);
    expect((await relate('fa-b', 'apply', 'fa-c')).status).toBe(200);
    expect([await relationships('fa-c', B), await relationships('fa-b', C)].flat()).toEqual([1, 1]);
    await expectNoDrift('fa-');
    // and SealTalk's delete ends it on my side
    expect((await call(S.delete, { as: 'fa-c', body: { friendId: 'fa-b' } })).status).toBe(200);
    expect([await relationships('fa-c', B), await relationships('fa-b', C)].flat()).toEqual([0, 1]);
    await expectNoDrift('fa-');
  });

  it("racing invites, agrees and deletes leave exactly the agreed edges' rows", async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `rc-${i}`);
    for (const [i, id] of ids.entries()) await userWithPhone(id, `1863000000${i}`);
    const pairs = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as const));
    await Promise.all(
      pairs.flatMap(([a, b]) => [
        invite(a, b),
        call(S.agree, { as: b, body: { friendId: a } }),
        invite(b, a),
        call(S.delete, { as: a, body: { friendId: b } }),
      ]),
    );
    await Promise.all(pairs.map(([a, b]) => call(S.agree, { as: a, body: { friendId: b } })));
    await expectNoDrift('rc-');
  });
});

describe('the cards on the claims follow every profile change', () => {
  it("set_nickname, set_portrait_uri and set_st_account show once the stream is drained; cards equal the users'", async () => {
    await userWithPhone('pc-me', '18640000001');
    await userWithPhone('pc-x', '18640000002', '86', { nickname: 'Before' });
    await befriend('pc-me', 'pc-x');
    expect((await call(U.setNickname, { as: 'pc-x', body: { nickname: 'After' } })).status).toBe(200);
    expect((await call(U.setPortraitUri, { as: 'pc-x', body: { portraitUri: 'http://x/after.png' } })).status).toBe(200);
    expect((await call(U.setStAccount, { as: 'pc-x', body: { stAccount: 'pcx001' } })).status).toBe(200);
    await streamDrained();
    expect((await contactsInfo('pc-me', ['18640000002'])).body.result).toEqual([
      {
        registered: 1,
        relationship: 1,
        stAccount: 'pcx001',
        phone: '18640000002',
        id: 'pc-x',
        nickname: 'After',
        portraitUri: 'http://x/after.png',
      },
    ]);
    await expectNoDrift('pc-');
    // a change of stAccount right after a nickname change keeps both on the claim
    await Promise.all([
      call(U.setNickname, { as: 'pc-x', body: { nickname: 'Racing' } }),
      call(U.setStAccount, { as: 'pc-x', body: { stAccount: 'pcx002' } }),
    ]);
    await streamDrained();
    expect((await contactsInfo('pc-me', ['18640000002'])).body.result[0]).toMatchObject({ stAccount: 'pcx002', nickname: 'Racing' });
    await expectNoDrift('pc-');
  });
});

describe('batch_delete beyond one transaction', () => {
  it('deletes 100 friends at once: the edges fill the transaction, their rows follow on the stream', async () => {
    const { friends, phones } = await hubWithFriends('bdp-me', 100);
    await expectNoDrift('bdp-');
    expect(new Set(await relationships('bdp-me', ...phones))).toEqual(new Set([1]));
    expect((await call(S.batchDelete, { as: 'bdp-me', body: { friendIds: friends } })).status).toBe(200);
    await streamDrained();
    expect(new Set(await relationships('bdp-me', ...phones))).toEqual(new Set([0]));
    await expectNoDrift('bdp-');
  });

  it('rows the stream consumer is cut off on are written when the stream runs the records again', async () => {
    const { friends, phones } = await hubWithFriends('bdc-me', 100);
    await streamDrained();
    let cutOff = 0;
    await wrapSend(
      async (command, real) => {
        // the transaction goes through, then the network drops for the first row deletes that follow
        if (command instanceof DeleteCommand && ++cutOff <= 10) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
        return real(command);
      },
      async () => {
        expect((await call(S.batchDelete, { as: 'bdc-me', body: { friendIds: friends } })).status).toBe(200);
        await streamDrained();
      },
    );
    expect(cutOff).toBeGreaterThan(10);
    expect(new Set((await Promise.all(friends.map((friend) => edgeOf('bdc-me', friend)))).map((edge) => edge?.status))).toEqual(
      new Set([30]),
    );
    expect(new Set(await relationships('bdc-me', ...phones))).toEqual(new Set([0]));
    await expectNoDrift('bdc-');
  });

  it('a late row delete from an older edge (a record delivered again after the friendship was agreed again) leaves the new row', async () => {
    await userWithPhone('bdr-me', '18660000001');
    await userWithPhone('bdr-f', '18660000002');
    await befriend('bdr-me', 'bdr-f');
    expect((await call(S.batchDelete, { as: 'bdr-me', body: { friendIds: ['bdr-f'] } })).status).toBe(200);
    await streamDrained();
    const edge = await edgeOf('bdr-me', 'bdr-f');
    expect(await relationships('bdr-me', '18660000002')).toEqual([0]);
    await expectNoDrift('bdr-');

    // agreed again (their edge is still agreed: Added); a late delete from the older edge leaves the new row
    expect((await invite('bdr-me', 'bdr-f')).body.result).toEqual({ action: 'Added' });
    await dropFriendPhone('bdr-me', '18660000002', edge!.rev);
    expect(await relationships('bdr-me', '18660000002')).toEqual([1]);
    await expectNoDrift('bdr-');
  });
});
