import { describe, expect, it } from 'vitest';
import { getItem } from '../../lib/store/items.js';
import { BLOCK_PREFIX, BLOCKED_BY_PREFIX, keys } from '../../lib/store/keys.js';
import { featapiRoutes as F } from '../../lib/routes/featapi.js';
import { metered } from '../../lib/meter.js';
import { blacklist } from '../../lib/usecases/users.js';
import { call } from '../support/call.js';
import { expectNoWrite, expectRefused, invite, S, U, users } from '../support/sealtalk.js';
import { scanTable } from '../support/table-state.js';
import { streamDrained } from '../support/stream.js';

/**
 * The blacklist entry `USER#me/BLOCK#other` carries other's card and has a reverse row
 * `USER#other/BLOCKEDBY#me`, written and deleted in the same transaction: GET /user/blacklist is one
 * Query, and other's profile change reaches the card through the reverse row.
 */

const add = (as: string, friendId: string) => call(U.addToBlacklist, { as, body: { friendId } });
const remove = (as: string, friendId: string) => call(U.removeFromBlacklist, { as, body: { friendId } });
const relate = (as: string, action: string, friend: string) => call(F.updateRelation, { as, body: { action, friend } });
const listedUsers = async (as: string) => (await call(U.blacklist, { as })).body.result.map((entry: { user: unknown }) => entry.user);

/** Whether `me → other` is stored as entry and reverse row: [entry, reverse row]. */
async function blockRows(me: string, other: string): Promise<[boolean, boolean]> {
  const [entry, reverse] = await Promise.all([getItem(keys.block(me, other), true), getItem(keys.blockedBy(other, me), true)]);
  return [entry !== undefined, reverse !== undefined];
}

/** Every entry in the table has its reverse row and every reverse row its entry. */
async function expectEntriesPaired(): Promise<void> {
  const items = await scanTable();
  const entries = items
    .filter((item) => item.sk.startsWith(BLOCK_PREFIX))
    .map((item) => `${item.pk.slice('USER#'.length)}→${item.sk.slice(BLOCK_PREFIX.length)}`);
  const reverses = items
    .filter((item) => item.sk.startsWith(BLOCKED_BY_PREFIX))
    .map((item) => `${item.sk.slice(BLOCKED_BY_PREFIX.length)}→${item.pk.slice('USER#'.length)}`);
  expect(reverses.sort()).toEqual(entries.sort());
}

describe('blacklist entries carry cards', () => {
  it('add_to_blacklist writes the entry with the card (at its rev) and the reverse row', async () => {
    await users('bc1-me', 'bc1-x');
    expect((await call(U.setNickname, { as: 'bc1-x', body: { nickname: 'Ex' } })).status).toBe(200);
    await add('bc1-me', 'bc1-x');
    const entry = await getItem<Record<string, any>>(keys.block('bc1-me', 'bc1-x'), true);
    const user = await getItem<Record<string, any>>(keys.user('bc1-x'), true);
    expect(entry?.peer).toMatchObject({ id: 'bc1-x', nickname: 'Ex', rev: user?.rev });
    expect(await getItem(keys.blockedBy('bc1-x', 'bc1-me'), true)).toMatchObject({
      type: 'BLOCKEDBY',
      userId: 'bc1-x',
      blockerId: 'bc1-me',
    });
    await expectEntriesPaired();
  });

  it('GET /user/blacklist is exactly one round trip (one Query), whatever the number of entries', async () => {
    await users('bc2-me', 'bc2-a', 'bc2-b', 'bc2-c');
    for (const other of ['bc2-c', 'bc2-a', 'bc2-b']) await add('bc2-me', other);
    const { result, usage } = await metered(() => blacklist('bc2-me'));
    expect(result.map((entry) => entry.user.id)).toEqual(['bc2-a', 'bc2-b', 'bc2-c']);
    expect(usage).toMatchObject({ calls: 1, roundTrips: 1, byCommand: { QueryCommand: 1 } });
    const empty = await metered(() => blacklist('bc2-a'));
    expect(empty.result).toEqual([]);
    expect(empty.usage).toMatchObject({ calls: 1, roundTrips: 1, byCommand: { QueryCommand: 1 } });
  });

  it("a blocked user's nickname and stAccount changes show in the blocker's list", async () => {
    await users('bc3-me', 'bc3-other', 'bc3-x');
    await add('bc3-me', 'bc3-x');
    await add('bc3-other', 'bc3-x');
    expect((await call(U.setNickname, { as: 'bc3-x', body: { nickname: 'Renamed' } })).status).toBe(200);
    expect((await call(U.setStAccount, { as: 'bc3-x', body: { stAccount: 'bc3renamed' } })).status).toBe(200);
    await streamDrained();
    for (const blocker of ['bc3-me', 'bc3-other']) {
      expect(await listedUsers(blocker)).toEqual([expect.objectContaining({ id: 'bc3-x', nickname: 'Renamed', stAccount: 'bc3renamed' })]);
    }
    // The blocker's own change does not touch the card they hold of someone else.
    expect((await call(U.setNickname, { as: 'bc3-me', body: { nickname: 'Me' } })).status).toBe(200);
    await streamDrained();
    expect(await listedUsers('bc3-me')).toEqual([expect.objectContaining({ id: 'bc3-x', nickname: 'Renamed' })]);
  });

  it("remove_from_blacklist deletes the entry and its reverse row; the other side's entry stays", async () => {
    await users('bc4-a', 'bc4-b');
    await add('bc4-a', 'bc4-b');
    await add('bc4-b', 'bc4-a');
    expect((await remove('bc4-a', 'bc4-b')).body).toEqual({ code: 200 });
    expect(await blockRows('bc4-a', 'bc4-b')).toEqual([false, false]);
    expect(await blockRows('bc4-b', 'bc4-a')).toEqual([true, true]);
    await expectEntriesPaired();
  });

  it("removing an entry I do not have writes nothing, not even the reverse row of the other side's entry", async () => {
    await users('bc5-a', 'bc5-b');
    await add('bc5-a', 'bc5-b');
    await expectNoWrite(async () => expect((await remove('bc5-b', 'bc5-a')).body).toEqual({ code: 200 }));
    await expectRefused(() => add('bc5-b', 'bc5-ghost'), 404, 'Unknown user: bc5-ghost');
    await expectRefused(() => add('bc5-b', 'bc5-b'), 400, /yourself/);
    expect(await blockRows('bc5-a', 'bc5-b')).toEqual([true, true]);
  });

  it('agree removes both entries and both reverse rows', async () => {
    await users('bc6-a', 'bc6-b');
    expect((await invite('bc6-b', 'bc6-a')).body.result).toEqual({ action: 'Sent' });
    await add('bc6-a', 'bc6-b');
    await add('bc6-b', 'bc6-a');
    expect((await call(S.agree, { as: 'bc6-a', body: { friendId: 'bc6-b' } })).body.result).toEqual({ action: 'Added' });
    expect(await blockRows('bc6-a', 'bc6-b')).toEqual([false, false]);
    expect(await blockRows('bc6-b', 'bc6-a')).toEqual([false, false]);
    expect(await listedUsers('bc6-a')).toEqual([]);
    await expectEntriesPaired();
  });

  it("AddDirectly removes the inviter's own entry and its reverse row (an entry of the invited one refuses the invite)", async () => {
    await users('bc7-a', 'bc7-b');
    expect((await call(U.setPrivacy, { as: 'bc7-a', body: { friVerify: 0 } })).status).toBe(200);
    await add('bc7-b', 'bc7-a');
    expect((await invite('bc7-b', 'bc7-a')).body.result).toEqual({ action: 'AddDirectly' });
    expect(await blockRows('bc7-a', 'bc7-b')).toEqual([false, false]);
    expect(await blockRows('bc7-b', 'bc7-a')).toEqual([false, false]);
    await expectEntriesPaired();
  });

  it('FeatAPI black / unblack write and delete entry and reverse row; accept removes both entries', async () => {
    await users('bc9-a', 'bc9-b');
    expect((await relate('bc9-a', 'black', 'bc9-b')).body.data.status).toBe(600);
    expect(await blockRows('bc9-a', 'bc9-b')).toEqual([true, true]);
    expect(await listedUsers('bc9-a')).toEqual([expect.objectContaining({ id: 'bc9-b' })]);
    expect((await relate('bc9-a', 'unblack', 'bc9-b')).body.data.status).toBe(0);
    expect(await blockRows('bc9-a', 'bc9-b')).toEqual([false, false]);

    expect((await relate('bc9-b', 'apply', 'bc9-a')).status).toBe(200);
    await add('bc9-a', 'bc9-b');
    await add('bc9-b', 'bc9-a');
    expect((await relate('bc9-a', 'accept', 'bc9-b')).body.data.status).toBe(300);
    expect(await blockRows('bc9-a', 'bc9-b')).toEqual([false, false]);
    expect(await blockRows('bc9-b', 'bc9-a')).toEqual([false, false]);
    await expectEntriesPaired();
  });
});
