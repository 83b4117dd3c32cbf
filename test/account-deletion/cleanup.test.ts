import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { recentContactRoutes } from '../../lib/routes/recent-contacts.js';
import { db, tableName } from '../../lib/store/client.js';
import { getItem } from '../../lib/store/items.js';
import { keys } from '../../lib/store/keys.js';
import { CLEANUP_PAGE } from '../../lib/usecases/account-cleanup.js';
import { accountDeletionReaction } from '../../lib/stream/reactions/account-deletion.js';
import { streamReactions } from '../../lib/stream/reactions/index.js';
import { call } from '../support/call.js';
import { befriend, S, U, userWithPhone } from '../support/sealtalk.js';
import { reverseRowDrift } from '../support/reverse-rows.js';
import { startStream } from '../support/stream.js';
import { scanTable, tableSnapshot } from '../support/table-state.js';
import { callTim } from '../support/tim.js';
import { ADMIN, createGroup, F, manyUsers } from '../featapi/helpers.js';
import { accounts, c2c, getPage, ok, search } from '../tencent-groups/helpers.js';
import { applyRecord, deleteAccounts, deleteAndDrain, drain, mentions, removeRecord, userRecord } from './stream.js';
import { buildWorld, featContacts, type World } from './world.js';

/** The clean-up on the change stream: afterwards nothing in the table names the deleted user. */

// This file drives the reaction itself, record by record (`./stream.ts`), to cut it off where it
// chooses: the file's stream consumer runs every other reaction. The whole path through the real
// stream is test/e2e/npm-start-stream.test.ts.
beforeAll(async () => {
  await startStream({ reactions: streamReactions.filter((reaction) => reaction !== accountDeletionReaction) });
});
const same = (a: string, b: string) => expect(a).toBe(b);

/** Every item of the table (any partition, any index attribute, nested values) that names the user. */
async function itemsNaming(userId: string): Promise<Record<string, unknown>[]> {
  return (await scanTable()).filter((item) => mentions(item, userId));
}

/** The header of a user's conversation groups agrees with their records: count and each group's size. */
async function expectHeaderConsistent(userId: string): Promise<void> {
  const items = await scanTable();
  const records = items.filter((item) => item.pk === keys.user(userId).pk && String(item.sk).startsWith('CONVMARK#'));
  const header = items.find((item) => item.pk === keys.user(userId).pk && item.sk === 'CONVGROUPS');
  expect(header?.convCount ?? 0).toBe(records.length);
  for (const [id, group] of Object.entries((header?.groups ?? {}) as Record<string, { size: number }>)) {
    expect(group.size, `group ${id}`).toBe(records.filter((record) => record.groupIds?.has(Number(id))).length);
  }
}

const FIRST_PAGE = { TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 };
const getList = (from: string) => callTim(recentContactRoutes.getList, { From_Account: from, ...FIRST_PAGE });

/** Nothing of the user is seen by anyone else through SealTalk, FeatAPI or Tencent. */
async function expectNoTraceSeen(world: World): Promise<void> {
  const { doomed, others } = world;
  for (const other of Object.values(others)) {
    const all = await call(S.all, { as: other });
    expect(all.status).toBe(200);
    expect(mentions(all.body, doomed), `${other} /friendship/all`).toBe(false);
    expect(mentions((await call(U.blacklist, { as: other })).body, doomed), `${other} /user/blacklist`).toBe(false);
    expect(mentions(await featContacts(other), doomed), `${other} FeatAPI list`).toBe(false);
    expect((await call(F.getContact, { as: other, query: { user: doomed } })).status, `${other} get_contact`).toBe(404);
    expect(mentions((await call(F.blackList, { as: other })).body, doomed), `${other} black_list`).toBe(false);
    expect(mentions(ok(await getList(other)), doomed), `${other} get_list`).toBe(false);
    expect(mentions(ok(await getPage(other)), doomed), `${other} get_contact_group`).toBe(false);
    expect(ok(await search(other, [c2c(doomed)])).ContactResultItem, `${other} search_contact_group`).toEqual([]);
    await expectHeaderConsistent(other);
  }
}

describe('the account-deletion reaction', () => {
  it("wakes only for a user record's REMOVE and a clean-up page's REMOVE", () => {
    const profile = { ...keys.user('w-x'), id: 'w-x' };
    expect(accountDeletionReaction.wants(removeRecord(profile))).toBe(true);
    expect(
      accountDeletionReaction.wants(removeRecord({ ...keys.accountDeletion('w-x'), userId: 'w-x', phone: '', step: 'own', page: 2 })),
    ).toBe(true);
    expect(accountDeletionReaction.wants(removeRecord({ ...keys.friendEdge('w-x', 'w-y') }))).toBe(false);
    expect(accountDeletionReaction.wants({ ...removeRecord(profile), eventName: 'MODIFY' })).toBe(false);
    expect(accountDeletionReaction.filterPattern).toEqual({
      eventName: ['REMOVE'],
      dynamodb: { Keys: { sk: { S: ['PROFILE', 'ACCOUNT_DELETION'] } } },
    });
  });

  it('leaves no item naming the user, in any partition or index attribute, and no trace any dialect shows', async () => {
    const world = await buildWorld('cw', '13700000001');
    expect((await itemsNaming(world.doomed)).length).toBeGreaterThan(30);
    expect(reverseRowDrift(await scanTable())).toEqual([]);

    const { body } = await deleteAndDrain([world.doomed]);
    expect(body.ResultItem).toEqual([{ ResultCode: 0, ResultInfo: '', UserID: world.doomed }]);

    expect(await itemsNaming(world.doomed)).toEqual([]);
    expect(reverseRowDrift(await scanTable())).toEqual([]);
    await expectNoTraceSeen(world);
    // the others keep what is theirs: the group the doomed user created, now without a creator
    const member = await call(F.getContact, { as: world.others.member, query: { group: String(world.groups.created) } });
    expect(member.body.data.group).toMatchObject({ id: world.groups.created, creator: '', creator_fullname: '' });
    expect(ok(await search(world.others.marker, [c2c(world.others.bystander)])).ContactResultItem).toHaveLength(1);
  });

  it('frees the phone and stAccount, and the same id registers again as a new, empty user', async () => {
    const world = await buildWorld('cr', '13700000002');
    await deleteAndDrain([world.doomed]);

    await userWithPhone('cr-heir', world.phone);
    expect((await call(U.findByPhone, { as: 'cr-heir', params: { region: '86', phone: world.phone } })).body.result.id).toBe('cr-heir');
    expect((await call(U.setStAccount, { as: 'cr-heir', body: { stAccount: world.stAccount } })).status).toBe(200);

    await userWithPhone(world.doomed, '13700000099');
    const again = world.doomed;
    expect(await userRecord(again)).toMatchObject({ id: again, phone: '13700000099', stAccount: '' });
    expect((await call(S.all, { as: again })).body.result).toEqual([]);
    expect((await call(U.blacklist, { as: again })).body.result).toEqual([]);
    expect(await featContacts(again)).toEqual([]);
    expect(ok(await getList(again)).SessionItem).toEqual([]);
    expect(ok(await getPage(again))).toMatchObject({ ContactItem: [], GroupItem: [] });
    // the only item naming the new user is their record (and their phone claim)
    expect((await itemsNaming(again)).map((item) => item.sk).sort()).toEqual(['PHONE', 'PROFILE']);
    // and they can make friends again
    await befriend(again, world.others.friend);
  });

  it('converges when run twice, and when each page is cut off half way and run again', async () => {
    const world = await buildWorld('cc', '13700000003');
    const { records } = await deleteAccounts([world.doomed]);
    expect(await drain(records)).toBeGreaterThan(3);
    const done = await tableSnapshot();
    // the stream delivers the first record again: nothing left to do, nothing changes
    await expectSame(done, () => drain(records));

    for (const cut of [1, 4, 9]) {
      const again = await buildWorld(`cc${cut}`, `1370000001${cut}`);
      const deletion = await deleteAccounts([again.doomed]);
      await drain(deletion.records, { cutAfterWrites: cut });
      expect(await itemsNaming(again.doomed), `cut after ${cut} writes`).toEqual([]);
      await expectNoTraceSeen(again);
    }
  });

  it('works in bounded pages for a user with many friends', async () => {
    const friends = Array.from({ length: 40 }, (_, i) => `cp-f${String(i).padStart(2, '0')}`);
    await accounts('cp-doomed', ...friends);
    for (const friend of friends) await befriend('cp-doomed', friend);
    const rows = (await scanTable()).filter((item) => item.pk === keys.user('cp-doomed').pk).length;
    expect(rows).toBeGreaterThan(2 * CLEANUP_PAGE.ownRows);

    const { pages } = await deleteAndDrain(['cp-doomed']);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(rows / CLEANUP_PAGE.ownRows) + 2);
    expect(await itemsNaming('cp-doomed')).toEqual([]);
    for (const friend of friends.slice(0, 3)) expect((await call(S.all, { as: friend })).body.result).toEqual([]);
  });

  it('clears the creator from the card copies of a group larger than one page of members', async () => {
    const members = Array.from({ length: CLEANUP_PAGE.members + 20 }, (_, i) => `cg-m${String(i).padStart(3, '0')}`);
    await accounts('cg-doomed');
    await manyUsers(members);
    const { id } = await createGroup('cg big', 'cg-doomed', members.slice(0, 40));
    for (let i = 40; i < members.length; i += 40) {
      expect((await call(F.addMembers, { as: ADMIN, body: { group: id, members: members.slice(i, i + 40) } })).status).toBe(200);
    }
    const { pages } = await deleteAndDrain(['cg-doomed']);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(await itemsNaming('cg-doomed')).toEqual([]);
    const last = await call(F.getContact, { as: members.at(-1)!, query: { group: String(id) } });
    expect(last.body.data.group).toMatchObject({ id, creator: '', creator_fullname: '' });
  });

  it("finds a friend's friend-by-phone row by the deleted record's phone, even where the edge's card lacks it", async () => {
    await userWithPhone('cf-doomed', '13700000050');
    await accounts('cf-friend');
    await befriend('cf-friend', 'cf-doomed');
    const edge = keys.friendEdge('cf-friend', 'cf-doomed');
    await db().send(new UpdateCommand({ TableName: tableName(), Key: edge, UpdateExpression: 'REMOVE peer.phone' }));
    expect(await getItem(keys.friendPhone('cf-friend', '13700000050'), true)).toBeDefined();
    await deleteAndDrain(['cf-doomed']);
    expect(await itemsNaming('cf-doomed')).toEqual([]);
  });

  it('a record of a page cut off before its hand-over is retried by the stream and finishes the clean-up', async () => {
    await accounts('ch-doomed', 'ch-a', 'ch-b');
    await befriend('ch-doomed', 'ch-a');
    await befriend('ch-doomed', 'ch-b');
    const { records } = await deleteAccounts(['ch-doomed']);
    await expect(applyRecord(records[0]!, { cutAfterWrites: 0 })).rejects.toThrow('cut off');
    await drain(records);
    expect(await itemsNaming('ch-doomed')).toEqual([]);
  });
});

describe('a container that knew a deleted caller', () => {
  it('makes their record again when the call finds it missing (deleted through another function)', async () => {
    expect((await call(U.setNickname, { as: 'cx-user', body: { nickname: 'before' } })).status).toBe(200);
    // another function deleted the account: this container's memory of the user is stale
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.user('cx-user') }));
    expect((await call(U.setNickname, { as: 'cx-user', body: { nickname: 'after' } })).status).toBe(200);
    expect(await userRecord('cx-user')).toMatchObject({ id: 'cx-user', nickname: 'after' });
  });
});

async function expectSame(snapshot: string, action: () => Promise<unknown>): Promise<void> {
  await action();
  same(await tableSnapshot(), snapshot);
}
