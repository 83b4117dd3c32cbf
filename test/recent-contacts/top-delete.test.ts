import { describe, expect, it } from 'vitest';
import { getPinnedSlots } from '../../lib/store/pinned.js';
import { call } from '../support/call.js';
import { expectUnchanged, tableSnapshot } from '../support/table-state.js';
import { callTim } from '../support/tim.js';
import { responseMismatch } from '../openapi/documented-response.js';
import { contactOf, createGroup, F, manyUsers, message, users } from '../featapi/helpers.js';
import { c2c, getList, group, nameOf, R, top } from './helpers.js';

const listed = async (owner: string) => (await getList(owner)).SessionItem.map((s) => `${nameOf(s)}${s.TopFlag ? '*' : ''}`);
const ok = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' };

describe('POST /v4/recentcontact/top', () => {
  it('pins and unpins (OperationType 1 / 2), answering the bare envelope; repeating either is harmless', async () => {
    await users('tp-a', 'tp-b', 'tp-c');
    const chat = await createGroup('tp', 'tp-b', ['tp-a']);
    await message('tp-1', 'tp-b', { to_user: 'tp-a' });
    await message('tp-2', 'tp-c', { to_user: 'tp-a' });
    expect(await listed('tp-a')).toEqual(['U:tp-c', 'U:tp-b', `G:${chat.id}`]);

    const pinned = await top('tp-a', 1, [c2c('tp-b'), group(chat.id)]);
    expect(pinned).toMatchObject({ status: 200 });
    expect(pinned.body).toEqual(ok);
    expect(await responseMismatch(R.top, 200, pinned.body)).toBeUndefined();
    expect(await listed('tp-a')).toEqual(['U:tp-b*', `G:${chat.id}*`, 'U:tp-c']);
    expect((await top('tp-a', 1, [c2c('tp-b'), c2c('tp-b')])).body).toEqual(ok);
    expect(await getPinnedSlots('tp-a', true)).toEqual(new Set(['U#tp-b', `G#${chat.id}`]));

    expect((await top('tp-a', 2, [c2c('tp-b'), c2c('tp-c')])).body).toEqual(ok);
    expect(await listed('tp-a')).toEqual([`G:${chat.id}*`, 'U:tp-c', 'U:tp-b']);
    expect((await top('tp-a', 2, [group(chat.id)])).body).toEqual(ok);
    expect((await top('tp-a', 2, [group(chat.id)])).body).toEqual(ok);
    expect(await listed('tp-a')).toEqual(['U:tp-c', 'U:tp-b', `G:${chat.id}`]);
    // unpinning for a user who never pinned anything writes nothing
    await expectUnchanged(
      async () => expect((await top('tp-c', 2, [c2c('tp-a')])).body).toEqual(ok),
      (a, b) => expect(a).toBe(b),
    );
  });

  it('holds at most 50 pinned: the 51st is 51012 and writes nothing; re-pinning one of the 50 is fine', async () => {
    const peers = Array.from({ length: 52 }, (_, i) => `tl-${i}`);
    await manyUsers(['tl-owner', ...peers]);
    expect((await top('tl-owner', 1, peers.slice(0, 48).map(c2c))).body).toEqual(ok);
    await expectUnchanged(
      async () => {
        const over = await top('tl-owner', 1, peers.slice(48, 51).map(c2c));
        expect(over.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 51012, ErrorInfo: expect.stringContaining('50') });
      },
      (a, b) => expect(a).toBe(b),
    );
    expect((await top('tl-owner', 1, peers.slice(46, 50).map(c2c))).body).toEqual(ok);
    expect((await top('tl-owner', 1, [c2c(peers[51]!)])).body.ErrorCode).toBe(51012);
    expect((await top('tl-owner', 1, [c2c(peers[0]!)])).body).toEqual(ok);
    expect((await getPinnedSlots('tl-owner', true)).size).toBe(50);
    // unpinning one makes room for one
    expect((await top('tl-owner', 2, [c2c(peers[0]!)])).body).toEqual(ok);
    expect((await top('tl-owner', 1, [c2c(peers[51]!)])).body).toEqual(ok);
    expect((await getPinnedSlots('tl-owner', true)).size).toBe(50);
  });

  it('holds the limit under concurrent calls: 70 pins at once, exactly 50 succeed', async () => {
    const peers = Array.from({ length: 70 }, (_, i) => `tc-${i}`);
    await manyUsers(['tc-owner', ...peers]);
    const results = await Promise.all(peers.map((peer) => top('tc-owner', 1, [c2c(peer)])));
    const codes = results.map((result) => result.body.ErrorCode);
    expect(codes.filter((code) => code === 0)).toHaveLength(50);
    expect(codes.filter((code) => code === 51012)).toHaveLength(20);
    const pinned = await getPinnedSlots('tc-owner', true);
    expect(pinned.size).toBe(50);
    expect([...pinned].sort()).toEqual(
      peers
        .filter((_, i) => codes[i] === 0)
        .map((peer) => `U#${peer}`)
        .sort(),
    );

    // pins and unpins racing each other never leave more than 50 either
    const more = Array.from({ length: 20 }, (_, i) => `tc-${50 + i}`);
    const unpins = [...pinned].slice(0, 10).map((slot) => slot.slice(2));
    await Promise.all([...more.map((peer) => top('tc-owner', 1, [c2c(peer)])), ...unpins.map((peer) => top('tc-owner', 2, [c2c(peer)]))]);
    expect((await getPinnedSlots('tc-owner', true)).size).toBeLessThanOrEqual(50);
  });

  it('answers 50001 for an unknown From_Account or C2C peer, 50002 for bad fields, and writes nothing', async () => {
    await users('te-a', 'te-b');
    await message('te-0', 'te-b', { to_user: 'te-a' });
    const before = await tableSnapshot();
    expect((await top('nobody-here', 1, [c2c('te-b')])).body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 50001 });
    expect((await top('te-a', 1, [c2c('te-b'), c2c('ghost-peer')])).body).toMatchObject({
      ErrorCode: 50001,
      ErrorInfo: expect.stringContaining('ghost-peer'),
    });
    const item = c2c('te-b');
    for (const body of [
      {},
      { From_Account: 'te-a', OperationType: 1 },
      { From_Account: 'te-a', OperationType: 3, RecentContactItem: [item] },
      { From_Account: 'te-a', OperationType: 1, RecentContactItem: [] },
      { From_Account: 'te-a', OperationType: 1, RecentContactItem: Array(101).fill(item) },
      { From_Account: 'te-a', OperationType: 1, RecentContactItem: [{ Type: 1 }] },
      { From_Account: 'te-a', OperationType: 1, RecentContactItem: [{ Type: 2, ToGroupId: '1' }] },
      { From_Account: 'te-a', OperationType: 1, RecentContactItem: [{ Type: 3, To_Account: 'te-b' }] },
      { From_Account: 'te-a', OperationType: 1, RecentContactItem: [c2c('te-a')] },
      { From_Account: 'te-a', OperationType: 1, RecentContactItem: [{ Type: 2, GroupId: 'x'.repeat(49) }] },
      { From_Account: 'te-a', OperationType: '1', RecentContactItem: [item] },
    ]) {
      expect((await callTim(R.top, body)).body, JSON.stringify(body).slice(0, 90)).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: 50002,
      });
    }
    expect((await callTim(R.top, 'OperationType=1')).body.ErrorCode).toBe(60003);
    expect(await tableSnapshot()).toBe(before);
  });
});

describe('POST /v4/recentcontact/delete', () => {
  it('deletes a C2C conversation and a group one (ToGroupid, small d): gone from get_list and from FeatAPI, unread cleared', async () => {
    await users('dl-a', 'dl-b', 'dl-c');
    const chat = await createGroup('dl', 'dl-b', ['dl-a']);
    await message('dl-1', 'dl-b', { to_user: 'dl-a' });
    await message('dl-2', 'dl-c', { to_user: 'dl-a' });
    await message('dl-3', 'dl-b', { to_group: chat.id });
    const id = (await contactOf('dl-a', { user: 'dl-b' })).body.data.id;

    const out = await callTim(R.delete, { From_Account: 'dl-a', Type: 1, To_Account: 'dl-b', ClearRamble: 1 });
    expect(out.body).toEqual(ok);
    expect(await responseMismatch(R.delete, 200, out.body)).toBeUndefined();
    expect(await listed('dl-a')).toEqual([`G:${chat.id}`, 'U:dl-c']);
    expect((await contactOf('dl-a', { user: 'dl-b' })).status).toBe(404);
    expect((await callTim(R.delete, { From_Account: 'dl-a', Type: 2, ToGroupid: String(chat.id), ClearRamble: 0 })).body).toEqual(ok);
    expect(await listed('dl-a')).toEqual(['U:dl-c']);
    expect((await call(F.list, { as: 'dl-a' })).body.data.results.map((c: { friend: string }) => c.friend)).toEqual(['dl-c']);
    // the other side keeps its conversation
    expect(await listed('dl-b')).toEqual([`G:${chat.id}`, 'U:dl-a']);

    // new activity brings it back, with the same FeatAPI id and only the new unread message
    await message('dl-4', 'dl-b', { to_user: 'dl-a' });
    expect((await listed('dl-a'))[0]).toBe('U:dl-b');
    expect((await contactOf('dl-a', { user: 'dl-b' })).body.data).toMatchObject({ id, unread_count: 1 });
  });

  it('is the same removal as FeatAPI remove_contact, both ways; deleting what is not listed is OK and writes nothing', async () => {
    await users('dr-a', 'dr-b', 'dr-c');
    await message('dr-1', 'dr-b', { to_user: 'dr-a' });
    await message('dr-2', 'dr-c', { to_user: 'dr-a' });
    expect((await call(F.removeContact, { as: 'dr-a', body: { user: 'dr-b' } })).status).toBe(200);
    expect(await listed('dr-a')).toEqual(['U:dr-c']);
    await expectUnchanged(
      async () => {
        expect((await callTim(R.delete, { From_Account: 'dr-a', Type: 1, To_Account: 'dr-b' })).body).toEqual(ok);
        expect((await callTim(R.delete, { From_Account: 'dr-a', Type: 2, ToGroupid: '@TGS#never' })).body).toEqual(ok);
      },
      (a, b) => expect(a).toBe(b),
    );
    expect((await callTim(R.delete, { From_Account: 'dr-a', Type: '1', To_Account: 'dr-c' })).body).toEqual(ok);
    expect((await call(F.removeContact, { as: 'dr-a', body: { user: 'dr-c' } })).status).toBe(404);
  });

  it('unpins what it deletes, in the same transaction', async () => {
    await users('dp-a', 'dp-b', 'dp-c');
    await message('dp-1', 'dp-b', { to_user: 'dp-a' });
    await message('dp-2', 'dp-c', { to_user: 'dp-a' });
    await top('dp-a', 1, [c2c('dp-b'), c2c('dp-c')]);
    expect((await callTim(R.delete, { From_Account: 'dp-a', Type: 1, To_Account: 'dp-b' })).body).toEqual(ok);
    expect(await getPinnedSlots('dp-a', true)).toEqual(new Set(['U#dp-c']));
    expect(await listed('dp-a')).toEqual(['U:dp-c*']);
    await message('dp-3', 'dp-b', { to_user: 'dp-a' });
    expect(await listed('dp-a')).toEqual(['U:dp-c*', 'U:dp-b']);
  });

  it("answers 50001 for an unknown From_Account and 50002 for bad fields (ToGroupId is not Tencent's spelling here), writing nothing", async () => {
    await users('de-a', 'de-b');
    await message('de-1', 'de-b', { to_user: 'de-a' });
    const before = await tableSnapshot();
    expect((await callTim(R.delete, { From_Account: 'nobody-here', Type: 1, To_Account: 'de-b' })).body).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 50001,
    });
    for (const body of [
      {},
      { From_Account: 'de-a', Type: 1 },
      { From_Account: 'de-a', Type: 2, ToGroupId: '1' },
      { From_Account: 'de-a', Type: 2, GroupId: '1' },
      { From_Account: 'de-a', Type: 3, To_Account: 'de-b' },
      { From_Account: 'de-a', Type: 1, To_Account: 'de-b', ClearRamble: 2 },
      { From_Account: 'de-a', Type: 1, To_Account: 'de-a' },
      { From_Account: 'de-a', Type: 1, To_Account: '' },
      { From_Account: 7, Type: 1, To_Account: 'de-b' },
    ]) {
      expect((await callTim(R.delete, body)).body, JSON.stringify(body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 50002 });
    }
    expect((await callTim(R.delete, '{"From_Account":"de-a",')).body.ErrorCode).toBe(60003);
    expect(await tableSnapshot()).toBe(before);
    expect(await listed('de-a')).toEqual(['U:de-b']);
  });
});
