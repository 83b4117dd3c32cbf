import { describe, expect, it } from 'vitest';
import { metered } from '../../lib/meter.js';
import { getRecentContactList, type GetListResult } from '../../lib/usecases/recent-contacts.js';
import { call } from '../support/call.js';
import { recentIndexMismatches } from '../support/recent-index.js';
import { scanTable } from '../support/table-state.js';
import { callTim } from '../support/tim.js';
import { createGroup, F, manyUsers, message, users } from '../featapi/helpers.js';
import { c2c, FIRST, getList, group, nameOf, R, top, type ListPage } from './helpers.js';

/** get_list on GSI3 (RECENT#/RECENTPIN#): one round trip a page, and the copy it reads never drifts. */

const START = { time: 0, index: 0 };
const shown = (page: ListPage) => page.SessionItem.map((s) => `${nameOf(s)}${s.TopFlag ? '*' : ''}`);
const listed = async (owner: string, flags = 7) => shown(await getList(owner, FIRST, flags));
/** No drift in `owner`'s records (each test checks its own, so one test's failure does not fail the next). */
const fresh = async (owner: string) =>
  expect(recentIndexMismatches((await scanTable()).filter((item) => item.ownerId === owner))).toEqual([]);
const remove = (as: string, user: string) => call(F.removeContact, { as, body: { user } });
const deleteC2c = (from: string, to: string) => callTim(R.delete, { From_Account: from, Type: 1, To_Account: to });

/** Every page from the start, each metered. */
async function meteredPages(owner: string, assistFlags: number, pageSize: number) {
  const pages: Array<{ page: GetListResult; roundTrips: number; byCommand: Record<string, number>; readUnits: number }> = [];
  let cursor = { cursor: START, topCursor: START };
  for (;;) {
    const { result, usage } = await metered(() => getRecentContactList({ fromAccount: owner, ...cursor, assistFlags }, pageSize));
    pages.push({ page: result, roundTrips: usage.roundTrips, byCommand: usage.byCommand, readUnits: usage.readUnits });
    if (result.CompleteFlag === 1 || pages.length > 20) return pages;
    cursor = {
      cursor: { time: result.TimeStamp, index: result.StartIndex },
      topCursor: { time: result.TopTimeStamp, index: result.TopStartIndex },
    };
  }
}

describe('get_list in one round trip (GSI3)', () => {
  it('reads every page, pinned first or not, in one wave: the user and pinned set with one Query per partition', async () => {
    const peers = Array.from({ length: 24 }, (_, i) => `rt-p${String(i).padStart(2, '0')}`);
    await manyUsers(['rt-owner', ...peers]);
    for (const [i, peer] of peers.entries()) expect((await message(`rt-m${i}`, peer, { to_user: 'rt-owner' })).status).toBe(200);
    await call(F.moveContact, { as: 'rt-owner', body: { user: peers[3]!, area: 'archive' } });
    expect((await top('rt-owner', 1, [peers[2]!, peers[3]!, peers[20]!].map(c2c))).body.ErrorCode).toBe(0);
    const newestFirst = [...peers].reverse();
    const pinnedOrder = [peers[20]!, peers[3]!, peers[2]!];

    for (const flags of [7, 3, 0]) {
      const pages = await meteredPages('rt-owner', flags, 5);
      for (const { roundTrips, byCommand } of pages) {
        expect(roundTrips).toBe(1);
        expect(byCommand).toEqual({ BatchGetItemCommand: 1, QueryCommand: 2 });
      }
      const names = pages.flatMap(({ page }) => page.SessionItem.map((s) => `${nameOf(s as never)}${s.TopFlag ? '*' : ''}`));
      const expected =
        flags === 0
          ? newestFirst.map((peer) => `U:${peer}${pinnedOrder.includes(peer) ? '*' : ''}`)
          : [
              ...pinnedOrder.map((peer) => `U:${peer}*`),
              ...newestFirst.filter((peer) => !pinnedOrder.includes(peer)).map((peer) => `U:${peer}`),
            ];
      expect(names).toEqual(expected);
    }
    await fresh('rt-owner');
  });

  it('keeps the pinned partition fresh through pin, unpin, activity, area moves, FeatAPI remove and Tencent delete', async () => {
    await users('rf-a', 'rf-b', 'rf-c', 'rf-d');
    const chat = await createGroup('rf', 'rf-d', ['rf-a']);
    await message('rf-1', 'rf-b', { to_user: 'rf-a' });
    await message('rf-2', 'rf-c', { to_user: 'rf-a' });
    const G = `G:${chat.id}`;
    expect(await listed('rf-a')).toEqual(['U:rf-c', 'U:rf-b', G]);

    // pin an existing conversation: pinned first at once
    expect((await top('rf-a', 1, [c2c('rf-b')])).body.ErrorCode).toBe(0);
    expect(await listed('rf-a')).toEqual(['U:rf-b*', 'U:rf-c', G]);
    await fresh('rf-a');

    // activity on an unpinned and on a pinned conversation
    await message('rf-3', 'rf-d', { to_group: chat.id });
    expect(await listed('rf-a')).toEqual(['U:rf-b*', G, 'U:rf-c']);
    await message('rf-4', 'rf-b', { to_user: 'rf-a' });
    const [pinnedB] = (await getList('rf-a')).SessionItem;
    expect(pinnedB!.MsgTime).toBeGreaterThan(0);
    expect(await listed('rf-a', 0)).toEqual(['U:rf-b*', G, 'U:rf-c']);
    await fresh('rf-a');

    // moving between FeatAPI areas changes nothing in Tencent's list
    expect((await call(F.moveContact, { as: 'rf-a', body: { user: 'rf-b', area: 'archive' } })).status).toBe(200);
    expect((await call(F.moveContact, { as: 'rf-a', body: { user: 'rf-c', area: 'archive' } })).status).toBe(200);
    expect(await listed('rf-a')).toEqual(['U:rf-b*', G, 'U:rf-c']);
    await fresh('rf-a');

    // FeatAPI remove keeps the pin (an empty pinned conversation); new activity lists it pinned again
    expect((await remove('rf-a', 'rf-b')).status).toBe(200);
    expect(await listed('rf-a')).toEqual(['U:rf-b*', G, 'U:rf-c']);
    expect((await getList('rf-a')).SessionItem[0]).toMatchObject({ To_Account: 'rf-b', MsgTime: 0, TopFlag: 1 });
    expect(await listed('rf-a', 5)).toEqual([G, 'U:rf-c']);
    await fresh('rf-a');
    await message('rf-5', 'rf-b', { to_user: 'rf-a' });
    expect((await getList('rf-a')).SessionItem[0]).toMatchObject({ To_Account: 'rf-b', TopFlag: 1 });
    expect((await getList('rf-a')).SessionItem[0]!.MsgTime).toBeGreaterThan(0);
    await fresh('rf-a');

    // unpin: back among the others, by time
    expect((await top('rf-a', 2, [c2c('rf-b')])).body.ErrorCode).toBe(0);
    expect(await listed('rf-a')).toEqual(['U:rf-b', G, 'U:rf-c']);
    await fresh('rf-a');

    // pin a hidden one, then activity lists it pinned; Tencent delete of a pinned one unpins it
    expect((await deleteC2c('rf-a', 'rf-c')).body.ErrorCode).toBe(0);
    expect(await listed('rf-a')).toEqual(['U:rf-b', G]);
    expect((await top('rf-a', 1, [c2c('rf-c'), group(chat.id)])).body.ErrorCode).toBe(0);
    expect(await listed('rf-a')).toEqual([`${G}*`, 'U:rf-c*', 'U:rf-b']);
    await fresh('rf-a');
    await message('rf-6', 'rf-c', { to_user: 'rf-a' });
    expect(await listed('rf-a')).toEqual(['U:rf-c*', `${G}*`, 'U:rf-b']);
    expect((await deleteC2c('rf-a', 'rf-c')).body.ErrorCode).toBe(0);
    expect(await listed('rf-a')).toEqual([`${G}*`, 'U:rf-b']);
    await fresh('rf-a');
    // and a pinned one that FeatAPI had removed
    expect((await call(F.removeContact, { as: 'rf-a', body: { group: chat.id } })).status).toBe(200);
    expect((await callTim(R.delete, { From_Account: 'rf-a', Type: 2, ToGroupid: String(chat.id) })).body.ErrorCode).toBe(0);
    expect(await listed('rf-a')).toEqual(['U:rf-b']);
    await fresh('rf-a');
  });

  it('a conversation pinned before it has a record: empty until activity makes one, read by key only while detached', async () => {
    await users('rd-a', 'rd-b', 'rd-c');
    await message('rd-1', 'rd-c', { to_user: 'rd-a' });
    expect((await top('rd-a', 1, [c2c('rd-b')])).body.ErrorCode).toBe(0);
    expect(await listed('rd-a')).toEqual(['U:rd-b*', 'U:rd-c']);
    expect(await listed('rd-a', 5)).toEqual(['U:rd-c']);
    await fresh('rd-a');

    // the record made by the first message stays unflagged: get_list reads it by key (a second wave)
    await message('rd-2', 'rd-b', { to_user: 'rd-a' });
    const detached = await metered(() => getRecentContactList({ fromAccount: 'rd-a', cursor: START, topCursor: START, assistFlags: 7 }));
    expect(detached.result.SessionItem.map((s) => nameOf(s as never))).toEqual(['U:rd-b', 'U:rd-c']);
    expect(detached.result.SessionItem[0]).toMatchObject({ TopFlag: 1 });
    expect(detached.result.SessionItem[0]!.MsgTime).toBeGreaterThan(0);
    expect(detached.usage.roundTrips).toBe(2);
    expect(await listed('rd-a', 0)).toEqual(['U:rd-b*', 'U:rd-c']);
    await fresh('rd-a');

    // unpin, then pin again: now attached, one round trip
    expect((await top('rd-a', 2, [c2c('rd-b')])).body.ErrorCode).toBe(0);
    expect(await listed('rd-a')).toEqual(['U:rd-b', 'U:rd-c']);
    await fresh('rd-a');
    expect((await top('rd-a', 1, [c2c('rd-b')])).body.ErrorCode).toBe(0);
    const attached = await metered(() => getRecentContactList({ fromAccount: 'rd-a', cursor: START, topCursor: START, assistFlags: 7 }));
    expect(attached.result.SessionItem.map((s) => `${nameOf(s as never)}${s.TopFlag ? '*' : ''}`)).toEqual(['U:rd-b*', 'U:rd-c']);
    expect(attached.usage.roundTrips).toBe(1);
    await fresh('rd-a');
  });

  it('never drifts when pins, unpins, activity, removal and deletion of the same conversations race', async () => {
    const peers = ['rr-b', 'rr-c', 'rr-d', 'rr-e'];
    await manyUsers(['rr-a', ...peers]);
    for (const [i, peer] of peers.slice(0, 3).entries()) await message(`rr-0-${i}`, peer, { to_user: 'rr-a' });
    const work: Array<() => Promise<unknown>> = [];
    for (let round = 0; round < 6; round++) {
      for (const [i, peer] of peers.entries()) {
        work.push(
          () => top('rr-a', 1, [c2c(peer)]),
          () => message(`rr-${round}-${i}-m`, peer, { to_user: 'rr-a' }),
          () => top('rr-a', 2, [c2c(peer)]),
          () => (round % 2 ? deleteC2c('rr-a', peer) : remove('rr-a', peer)),
        );
      }
    }
    const results = await Promise.all(work.map((run) => run()));
    for (const result of results as Array<{ status: number; body: { ErrorCode?: number } }>) {
      expect(result.status).toBeLessThan(500);
      if (result.body?.ErrorCode !== undefined) expect(result.body.ErrorCode).toBe(0);
    }
    await fresh('rr-a');
    // what get_list answers is what the records and the set say
    const items = await scanTable();
    const pinned = new Set<string>(items.find((item) => item.type === 'PINNED' && item.ownerId === 'rr-a')?.pinned ?? []);
    const listedNow = items
      .filter((item) => item.type === 'CONTACT' && item.ownerId === 'rr-a' && !item.hidden)
      .map((item) => `U:${item.peerId}${pinned.has(`U#${item.peerId}`) ? '*' : ''}`);
    expect((await listed('rr-a', 1)).sort()).toEqual(listedNow.sort());
  });
});
