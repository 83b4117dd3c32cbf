import { describe, expect, it } from 'vitest';
import { msgTimeOf } from '../../lib/domain/recent-contacts.js';
import { metered } from '../../lib/meter.js';
import { getRecentContactList } from '../../lib/usecases/recent-contacts.js';
import { call } from '../support/call.js';
import { callTim } from '../support/tim.js';
import { responseMismatch } from '../openapi/documented-response.js';
import { contactOf, createGroup, F, manyUsers, message, users } from '../featapi/helpers.js';
import { ALL_FLAGS, c2c, cursorOf, FIRST, getAllPages, getList, group, nameOf, R, top, type ListPage } from './helpers.js';

const names = (page: ListPage) => page.SessionItem.map(nameOf);
const contactSeconds = async (as: string, query: Record<string, string>) =>
  msgTimeOf(Date.parse((await contactOf(as, query)).body.data.contact_time));

/** `count` peers who each message `owner` once, oldest first; returns the peers in that order. */
async function inbox(owner: string, count: number, prefix = owner): Promise<string[]> {
  const peers = Array.from({ length: count }, (_, i) => `${prefix}-p${String(i).padStart(3, '0')}`);
  await manyUsers([owner, ...peers]);
  for (const [i, peer] of peers.entries()) {
    const out = await message(`${prefix}-m${i}`, peer, { to_user: owner });
    if (out.status !== 200) throw new Error(`ingest failed: ${JSON.stringify(out.body)}`);
  }
  return peers;
}

describe('POST /v4/recentcontact/get_list', () => {
  it("answers Tencent's SessionItem list, newest MsgTime first, MsgTime being contact_time in seconds", async () => {
    await users('gl-a', 'gl-b', 'gl-c');
    const chat = await createGroup('gl', 'gl-b', ['gl-a']);
    await message('gl-1', 'gl-b', { to_user: 'gl-a' });
    await message('gl-2', 'gl-a', { to_user: 'gl-c' });
    await message('gl-3', 'gl-b', { to_group: chat.id });

    const out = await callTim(R.getList, {
      From_Account: 'gl-a',
      TimeStamp: 0,
      StartIndex: 0,
      TopTimeStamp: 0,
      TopStartIndex: 0,
      AssistFlags: 7,
    });
    expect(out.status).toBe(200);
    const page = out.body as ListPage;
    expect(await responseMismatch(R.getList, 200, page)).toBeUndefined();
    expect(Object.keys(page)).toEqual([
      'SessionItem',
      'CompleteFlag',
      'TimeStamp',
      'StartIndex',
      'TopTimeStamp',
      'TopStartIndex',
      'ActionStatus',
      'ErrorCode',
      'ErrorInfo',
      'ErrorDisplay',
    ]);
    expect(page).toMatchObject({
      CompleteFlag: 1,
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
      TopTimeStamp: 0,
      TopStartIndex: 0,
    });
    expect(names(page)).toEqual([`G:${chat.id}`, 'U:gl-c', 'U:gl-b']);
    const groupSeconds = await contactSeconds('gl-a', { group: String(chat.id) });
    expect(page.SessionItem[0]).toEqual({ Type: 2, GroupId: String(chat.id), MsgTime: groupSeconds, TopFlag: 0 });
    expect(page.SessionItem[1]).toEqual({
      Type: 1,
      To_Account: 'gl-c',
      MsgTime: await contactSeconds('gl-a', { user: 'gl-c' }),
      TopFlag: 0,
    });
    // the cursor after the last conversation returned
    const last = page.SessionItem[2]!;
    expect(page.TimeStamp).toBe(last.MsgTime);
    expect(page.StartIndex).toBe(page.SessionItem.filter((s) => s.MsgTime === last.MsgTime).length);
  });

  it('lists the Inbox and the Archive alike, and nothing of a user without conversations', async () => {
    await users('gl-arch', 'gl-x', 'gl-y', 'gl-empty');
    await message('ga-1', 'gl-x', { to_user: 'gl-arch' });
    await message('ga-2', 'gl-y', { to_user: 'gl-arch' });
    expect((await call(F.moveContact, { as: 'gl-arch', body: { user: 'gl-y', area: 'archive' } })).status).toBe(200);
    expect(names(await getList('gl-arch'))).toEqual(['U:gl-y', 'U:gl-x']);
    expect(await getList('gl-empty')).toMatchObject({ SessionItem: [], CompleteFlag: 1, TimeStamp: 0, StartIndex: 0 });
  });

  it('pages 130 conversations (many in the same second) with the cursor: no gaps, no repeats, CompleteFlag on the last', async () => {
    const peers = await inbox('gl-many', 130);
    const pages = await getAllPages('gl-many');
    expect(pages.map((page) => page.SessionItem.length)).toEqual([100, 30]);
    expect(pages.map((page) => page.CompleteFlag)).toEqual([0, 1]);
    const listed = pages.flatMap(names);
    expect(listed).toEqual([...peers].reverse().map((peer) => `U:${peer}`));
    const times = pages.flatMap((page) => page.SessionItem.map((s) => s.MsgTime));
    expect(times.every((time, i) => i === 0 || time <= times[i - 1]!)).toBe(true);
    expect(new Set(times).size).toBeLessThan(times.length); // many share a second: StartIndex is what tells them apart

    // small pages put many page boundaries inside one second
    const small: string[] = [];
    let cursor = { cursor: { time: 0, index: 0 }, topCursor: { time: 0, index: 0 } };
    for (let guard = 0; guard < 40; guard++) {
      const page = await getRecentContactList({ fromAccount: 'gl-many', ...cursor, assistFlags: ALL_FLAGS }, 7);
      small.push(...page.SessionItem.map((s) => nameOf(s as never)));
      if (page.CompleteFlag === 1) break;
      cursor = {
        cursor: { time: page.TimeStamp, index: page.StartIndex },
        topCursor: { time: page.TopTimeStamp, index: page.TopStartIndex },
      };
    }
    expect(small).toEqual(listed);
  });

  it('each page is one round trip: the user and pinned set with the two GSI3 Queries, no Scan', async () => {
    await inbox('gl-meter', 5);
    const { result, usage } = await metered(() =>
      getRecentContactList(
        { fromAccount: 'gl-meter', cursor: { time: 0, index: 0 }, topCursor: { time: 0, index: 0 }, assistFlags: ALL_FLAGS },
        2,
      ),
    );
    expect(result.SessionItem).toHaveLength(2);
    expect(usage.byCommand).toEqual({ BatchGetItemCommand: 1, QueryCommand: 2 });
    expect(usage.roundTrips).toBe(1);
  });

  it('puts pinned conversations first (by MsgTime), TopFlag 1, with empty ones only when AssistFlags bit 1 asks', async () => {
    const peers = await inbox('gl-pin', 6);
    await top('gl-pin', 1, [c2c(peers[0]!), c2c(peers[3]!), group('777')]);
    const page = await getList('gl-pin', FIRST, 7);
    expect(names(page)).toEqual([`U:${peers[3]}`, `U:${peers[0]}`, 'G:777', ...[5, 4, 2, 1].map((i) => `U:${peers[i]}`)]);
    expect(page.SessionItem.map((s) => s.TopFlag)).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(page.SessionItem[2]).toEqual({ Type: 2, GroupId: '777', MsgTime: 0, TopFlag: 1 });
    expect({ time: page.TopTimeStamp, index: page.TopStartIndex }).toEqual({ time: 0, index: 1 });

    // without bit 1 the empty conversation is left out; without bit 0 the order is by time alone
    expect(names(await getList('gl-pin', FIRST, 5))).toEqual([
      `U:${peers[3]}`,
      `U:${peers[0]}`,
      ...[5, 4, 2, 1].map((i) => `U:${peers[i]}`),
    ]);
    const flat = await getList('gl-pin', FIRST, 0);
    expect(names(flat)).toEqual([...peers].reverse().map((peer) => `U:${peer}`));
    expect(flat.SessionItem.filter((s) => s.TopFlag === 1).map(nameOf)).toEqual([`U:${peers[3]}`, `U:${peers[0]}`]);
    expect({ time: flat.TopTimeStamp, index: flat.TopStartIndex }).toEqual({ time: 0, index: 0 });
  });

  it('pages the pinned part with TopTimeStamp/TopStartIndex, then the rest with TimeStamp/StartIndex', async () => {
    const peers = await inbox('gl-pp', 30);
    const pinned = peers.slice(0, 25);
    expect((await top('gl-pp', 1, pinned.map(c2c))).body.ErrorCode).toBe(0);
    const run = async (assistFlags: number, pageSize: number) => {
      const pages = [];
      let cursor = { cursor: { time: 0, index: 0 }, topCursor: { time: 0, index: 0 } };
      for (;;) {
        const page = await getRecentContactList({ fromAccount: 'gl-pp', ...cursor, assistFlags }, pageSize);
        pages.push(page);
        if (page.CompleteFlag === 1 || pages.length > 20) return pages;
        cursor = {
          cursor: { time: page.TimeStamp, index: page.StartIndex },
          topCursor: { time: page.TopTimeStamp, index: page.TopStartIndex },
        };
      }
    };
    const expected = [...[...pinned].reverse(), ...peers.slice(25).reverse()].map((peer) => `U:${peer}`);

    const paged = await run(7, 10);
    expect(paged.map((page) => page.SessionItem.map((s) => s.TopFlag).join(''))).toEqual([
      '1'.repeat(10),
      '1'.repeat(10),
      '1'.repeat(5) + '0'.repeat(5),
    ]);
    expect(paged.flatMap((page) => page.SessionItem.map((s) => nameOf(s as never)))).toEqual(expected);

    // bit 2 unset: every pinned conversation comes on the first page, on top of the page size
    const unpaged = await run(3, 10);
    expect(unpaged.map((page) => page.SessionItem.length)).toEqual([30]);
    expect(unpaged.flatMap((page) => page.SessionItem.map((s) => nameOf(s as never)))).toEqual(expected);
  });

  it('shows ingested activity: a message moves a conversation to the top with its new MsgTime; a duplicate changes nothing', async () => {
    await users('gi-a', 'gi-b', 'gi-c');
    const chat = await createGroup('gi', 'gi-c', ['gi-a', 'gi-b']);
    await message('gi-1', 'gi-b', { to_user: 'gi-a' });
    await message('gi-2', 'gi-c', { to_user: 'gi-a' });
    expect(names(await getList('gi-a'))).toEqual(['U:gi-c', 'U:gi-b', `G:${chat.id}`]);

    await new Promise((resolve) => setTimeout(resolve, 1100)); // a later second, so MsgTime must grow
    await message('gi-3', 'gi-c', { to_group: chat.id });
    const after = await getList('gi-a');
    expect(names(after)).toEqual([`G:${chat.id}`, 'U:gi-c', 'U:gi-b']);
    expect(after.SessionItem[0]!.MsgTime).toBeGreaterThan(after.SessionItem[1]!.MsgTime);
    expect(after.SessionItem[0]!.MsgTime).toBe(await contactSeconds('gi-a', { group: String(chat.id) }));
    // every member sees it, the sender too, and only the receivers count it unread
    expect(names(await getList('gi-b'))[0]).toBe(`G:${chat.id}`);
    expect(names(await getList('gi-c'))[0]).toBe(`G:${chat.id}`);
    expect((await contactOf('gi-a', { group: String(chat.id) })).body.data.unread_count).toBe(1);
    expect((await contactOf('gi-c', { group: String(chat.id) })).body.data.unread_count).toBe(0);

    await message('gi-1', 'gi-b', { to_user: 'gi-a' }); // a retried delivery
    expect(await getList('gi-a')).toEqual(after);
  });

  it('answers 50001 for an unknown From_Account, 50002 for bad fields, 60003 for a body that is not JSON', async () => {
    await users('gl-err');
    const valid = { From_Account: 'gl-err', ...FIRST, AssistFlags: 7 };
    expect((await callTim(R.getList, { ...valid, From_Account: 'nobody-at-all' })).body).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 50001,
    });
    for (const body of [
      {},
      { ...valid, From_Account: '' },
      { ...valid, TimeStamp: undefined },
      { ...valid, StartIndex: -1 },
      { ...valid, TopTimeStamp: '0' },
      { ...valid, TopStartIndex: 1.5 },
      { ...valid, AssistFlags: undefined },
      { ...valid, StartIndex: 1001 },
      { ...valid, TimeStamp: 2 ** 32 },
      [valid],
    ]) {
      const out = await callTim(R.getList, body);
      expect(out.status).toBe(200);
      expect(out.body, JSON.stringify(body)).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: 50002,
        ErrorInfo: expect.stringMatching(/\S/),
      });
    }
    expect((await callTim(R.getList, '{"From_Account": ')).body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60003 });
    // the usersig checks are the family's: a wrong key, a non-admin identifier
    expect((await callTim(R.getList, valid, { usersig: 'not-a-usersig' })).body.ErrorCode).toBe(70003);
    const { usersig } = await import('../support/tim.js');
    expect((await callTim(R.getList, valid, { usersig: usersig(undefined, { key: 'wrong-key' }) })).body.ErrorCode).toBe(70009);
    expect((await callTim(R.getList, valid, { identifier: 'gl-err' })).body.ErrorCode).toBe(50003);
  });

  it('a cursor past the end answers an empty, complete page', async () => {
    await inbox('gl-end', 2);
    const page = await getList('gl-end');
    expect(await getList('gl-end', { ...cursorOf(page), StartIndex: page.StartIndex + 5 })).toMatchObject({
      SessionItem: [],
      CompleteFlag: 1,
    });
  });
});
