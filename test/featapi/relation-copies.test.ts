import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { edgeWith, FriendStatus } from '../../lib/domain/friendship.js';
import { peerCard, userFromClaims } from '../../lib/domain/user.js';
import { blockPutItems } from '../../lib/store/blacklist.js';
import { db, tableName } from '../../lib/store/client.js';
import { keys } from '../../lib/store/keys.js';
import { putEdge } from '../../lib/store/friendships.js';
import { transactWrite } from '../../lib/store/transact.js';
import { getUser } from '../../lib/store/users.js';
import { featBlackList, getFeatContact, listFeatContacts } from '../../lib/usecases/contacts.js';
import { metered } from '../../lib/meter.js';
import { call } from '../support/call.js';
import { relationCopyDrift } from '../support/relation-copies.js';
import { scanTable } from '../support/table-state.js';
import { befriend, contactOf, F, message, relate, S, U, users } from './helpers.js';
import { streamDrained } from '../support/stream.js';

/**
 * Each user contact keeps a copy of the relation facts its FeatAPI status derives from (my edge's
 * status facts, my blacklist entry: `lib/store/contact-relation.ts`), written with them. So the list
 * is the GSI1 Query(ies) of one wave, black_list one GSI2 Query, get_contact one GetItem — and after
 * every kind of relation change, in either dialect, the list shows what the edges and entries say.
 */

const listed = async (as: string) =>
  (await call(F.list, { as, query: { area: 'all', page_size: '100' } })).body.data.results as Array<{
    friend: string;
    status: number;
    id: number;
  }>;
const blackListed = async (as: string) => (await call(F.blackList, { as })).body.data as Array<{ friend: string; status: number }>;

/** `owner`'s list shows `peer` with `status` (get_contact agrees), and no copy in the table has drifted from its source. */
async function expectStatus(owner: string, peer: string, status: number): Promise<void> {
  expect((await listed(owner)).find((contact) => contact.friend === peer)?.status, `${owner}'s list: ${peer}`).toBe(status);
  expect((await contactOf(owner, { user: peer })).body.data?.status, `${owner}'s get_contact: ${peer}`).toBe(status);
  expect(relationCopyDrift(await scanTable())).toEqual([]);
}

const sealTalk = (route: keyof typeof S, as: string, friendId: string) => call(S[route], { as, body: { friendId } });

describe('contact list statuses come from the copies on the contacts, fresh after every relation change', () => {
  it('SealTalk invite, agree, ignore, delete, batch_delete, add_to_blacklist, remove_from_blacklist', async () => {
    await users('rc-a', 'rc-b', 'rc-c', 'rc-d');
    expect((await sealTalk('invite', 'rc-a', 'rc-b')).status).toBe(200);
    await expectStatus('rc-a', 'rc-b', 100);
    await expectStatus('rc-b', 'rc-a', 200);

    expect((await sealTalk('ignore', 'rc-b', 'rc-a')).status).toBe(200);
    await expectStatus('rc-b', 'rc-a', 0);
    await expectStatus('rc-a', 'rc-b', 100);

    expect((await sealTalk('invite', 'rc-a', 'rc-c')).status).toBe(200);
    expect((await sealTalk('agree', 'rc-c', 'rc-a')).status).toBe(200);
    await expectStatus('rc-a', 'rc-c', 300);
    await expectStatus('rc-c', 'rc-a', 300);

    expect((await sealTalk('delete', 'rc-a', 'rc-c')).status).toBe(200);
    await expectStatus('rc-a', 'rc-c', 0);
    await expectStatus('rc-c', 'rc-a', 300);

    await befriend('rc-a', 'rc-d');
    expect((await call(S.batchDelete, { as: 'rc-d', body: { friendIds: ['rc-a', 'rc-b'] } })).status).toBe(200);
    await expectStatus('rc-d', 'rc-a', 0);
    await expectStatus('rc-a', 'rc-d', 300);

    expect((await call(U.addToBlacklist, { as: 'rc-a', body: { friendId: 'rc-d' } })).status).toBe(200);
    await expectStatus('rc-a', 'rc-d', 600);
    expect((await call(U.removeFromBlacklist, { as: 'rc-a', body: { friendId: 'rc-d' } })).status).toBe(200);
    await expectStatus('rc-a', 'rc-d', 300);
  });

  it('FeatAPI apply, accept, reject, recall (twice: 400), black, unblack', async () => {
    await users('rf-a', 'rf-b', 'rf-c');
    expect((await relate('rf-a', 'apply', 'rf-b')).status).toBe(200);
    await expectStatus('rf-a', 'rf-b', 100);
    await expectStatus('rf-b', 'rf-a', 200);
    expect((await relate('rf-b', 'reject', 'rf-a')).status).toBe(200);
    await expectStatus('rf-a', 'rf-b', 500);
    await expectStatus('rf-b', 'rf-a', 0);

    expect((await relate('rf-a', 'apply', 'rf-c')).status).toBe(200);
    expect((await relate('rf-a', 'recall', 'rf-c')).status).toBe(200);
    await expectStatus('rf-a', 'rf-c', 0);
    await expectStatus('rf-c', 'rf-a', 0);
    expect((await relate('rf-a', 'apply', 'rf-c')).status).toBe(200);
    expect((await relate('rf-a', 'recall', 'rf-c')).status).toBe(200);
    await expectStatus('rf-a', 'rf-c', 400);

    expect((await relate('rf-c', 'apply', 'rf-b')).status).toBe(200);
    expect((await relate('rf-b', 'accept', 'rf-c')).status).toBe(200);
    await expectStatus('rf-b', 'rf-c', 300);
    await expectStatus('rf-c', 'rf-b', 300);
    expect((await relate('rf-b', 'black', 'rf-c')).status).toBe(200);
    await expectStatus('rf-b', 'rf-c', 600);
    await expectStatus('rf-c', 'rf-b', 300);
    expect((await relate('rf-b', 'unblack', 'rf-c')).status).toBe(200);
    await expectStatus('rf-b', 'rf-c', 300);
  });

  it('a removed (hidden) contact keeps fresh facts and shows them when activity lists it again', async () => {
    await users('rh-a', 'rh-b');
    await befriend('rh-a', 'rh-b');
    expect((await call(F.removeContact, { as: 'rh-a', body: { user: 'rh-b' } })).status).toBe(200);
    expect((await sealTalk('delete', 'rh-a', 'rh-b')).status).toBe(200);
    expect(relationCopyDrift(await scanTable())).toEqual([]);
    expect((await listed('rh-a')).map((contact) => contact.friend)).toEqual([]);
    expect((await message('rh-m1', 'rh-b', { to_user: 'rh-a' })).status).toBe(200);
    await expectStatus('rh-a', 'rh-b', 0);
  });

  it('a contact first made by a message copies the relation as it stands', async () => {
    await users('rm-a', 'rm-b');
    expect((await call(U.addToBlacklist, { as: 'rm-a', body: { friendId: 'rm-b' } })).status).toBe(200);
    // rm-b has no contact of rm-a yet (blacklisting makes only the blocker's): the message makes it.
    expect((await message('rm-m1', 'rm-a', { to_user: 'rm-b' })).status).toBe(200);
    await expectStatus('rm-b', 'rm-a', 0);
    await expectStatus('rm-a', 'rm-b', 600);
  });
});

describe('racing writers', () => {
  it('first messages, blacklisting and requests at once leave every copy equal to its source', async () => {
    const pairs = Array.from({ length: 6 }, (_, i) => [`rr-a${i}`, `rr-b${i}`] as const);
    await users(...pairs.flat());
    await Promise.all(
      pairs.flatMap(([a, b], i) => [
        message(`rr-m${i}`, b, { to_user: a }),
        relate(a, 'black', b),
        call(S.invite, { as: b, body: { friendId: a, message: 'hi' } }),
        relate(a, i % 2 ? 'apply' : 'unblack', b),
      ]),
    );
    expect(relationCopyDrift(await scanTable())).toEqual([]);
  });
});

describe('batch_delete beyond one transaction', () => {
  it('deletes 60 friends atomically; the copies one transaction cannot hold follow on the stream', async () => {
    const friends = Array.from({ length: 60 }, (_, i) => `bx-${String(i).padStart(2, '0')}`);
    await users('bx-me');
    const now = Date.now();
    for (let i = 0; i < friends.length; i += 25) {
      const puts = friends.slice(i, i + 25).map((id) => ({
        PutRequest: { Item: { ...keys.user(id), type: 'USER', ...userFromClaims(id, { nickname: id }, now), friVerify: 0 } },
      }));
      await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: puts } }));
    }
    for (const friend of friends) expect((await sealTalk('invite', 'bx-me', friend)).body.result).toEqual({ action: 'AddDirectly' });

    expect((await call(S.batchDelete, { as: 'bx-me', body: { friendIds: friends } })).status).toBe(200);
    await streamDrained();
    const list = await listed('bx-me');
    expect(list).toHaveLength(60);
    expect(new Set(list.map((contact) => contact.status))).toEqual(new Set([0]));
    expect(relationCopyDrift(await scanTable())).toEqual([]);
  });
});

describe('copies never make a contact', () => {
  it('edge and blacklist writes with no contact to copy onto leave it missing (and hold it missing)', async () => {
    await users('np-a', 'np-b');
    const [a, b] = [(await getUser('np-a'))!, (await getUser('np-b'))!];
    const now = Date.now();
    // Edges and an entry as older data may hold them: no contacts.
    await transactWrite([
      ...putEdge(
        edgeWith(undefined, { userId: 'np-a', friendId: 'np-b', peer: peerCard(b) }, { status: FriendStatus.Agreed }, now),
        undefined,
      ),
      ...putEdge(
        edgeWith(undefined, { userId: 'np-b', friendId: 'np-a', peer: peerCard(a) }, { status: FriendStatus.Agreed }, now),
        undefined,
      ),
      ...blockPutItems(a, b, now),
    ]);
    expect((await sealTalk('delete', 'np-a', 'np-b')).status).toBe(200);
    expect((await call(S.batchDelete, { as: 'np-b', body: { friendIds: ['np-a'] } })).status).toBe(200);
    expect((await call(U.removeFromBlacklist, { as: 'np-a', body: { friendId: 'np-b' } })).status).toBe(200);
    const items = (await scanTable()).filter((item) => item.pk.startsWith('USER#np-'));
    expect(items.filter((item) => item.type === 'CONTACT')).toEqual([]);
    expect(items.filter((item) => item.type === 'BLOCK')).toEqual([]);
    expect(items.filter((item) => item.type === 'FRIEND').map((edge) => edge.status)).toEqual([FriendStatus.Deleted, FriendStatus.Deleted]);
  });
});

describe('GET black_list is one GSI2 Query: the contacts of blocked users, hidden ones too, newest first', () => {
  it('follows block, unblock and an agree that lifts the block, and keeps hidden contacts', async () => {
    await users('bl-me', 'bl-x', 'bl-y', 'bl-z');
    await befriend('bl-me', 'bl-x');
    expect((await message('bl-m1', 'bl-y', { to_user: 'bl-me' })).status).toBe(200);
    expect((await call(F.removeContact, { as: 'bl-me', body: { user: 'bl-y' } })).status).toBe(200);

    expect((await relate('bl-me', 'black', 'bl-x')).status).toBe(200);
    expect((await call(U.addToBlacklist, { as: 'bl-me', body: { friendId: 'bl-y' } })).status).toBe(200);
    expect((await message('bl-m2', 'bl-x', { to_user: 'bl-me' })).status).toBe(200);
    // newest contact_time first: bl-x just had a message; bl-y (hidden, blocking it lists nothing again) older
    expect(await blackListed('bl-me')).toEqual([
      expect.objectContaining({ friend: 'bl-x', status: 600 }),
      expect.objectContaining({ friend: 'bl-y', status: 600 }),
    ]);
    expect((await listed('bl-me')).map((contact) => contact.friend)).toEqual(['bl-x']);

    expect((await call(U.removeFromBlacklist, { as: 'bl-me', body: { friendId: 'bl-x' } })).status).toBe(200);
    expect((await blackListed('bl-me')).map((contact) => contact.friend)).toEqual(['bl-y']);
    expect(relationCopyDrift(await scanTable())).toEqual([]);

    // bl-z asks; bl-me blocks bl-z, then agrees: agree lifts the blacklist entries both ways.
    expect((await sealTalk('invite', 'bl-z', 'bl-me')).status).toBe(200);
    expect((await relate('bl-me', 'black', 'bl-z')).status).toBe(200);
    expect((await blackListed('bl-me')).map((contact) => contact.friend)).toEqual(['bl-z', 'bl-y']);
    expect((await sealTalk('agree', 'bl-me', 'bl-z')).status).toBe(200);
    expect((await blackListed('bl-me')).map((contact) => contact.friend)).toEqual(['bl-y']);
    await expectStatus('bl-me', 'bl-z', 300);

    expect((await relate('bl-me', 'unblack', 'bl-y')).status).toBe(200);
    expect(await blackListed('bl-me')).toEqual([]);
    expect(relationCopyDrift(await scanTable())).toEqual([]);
  });
});

describe('one round trip per read', () => {
  it('the list (both areas: two Queries in one wave), black_list and get_contact read only the contacts', async () => {
    await users('ow-me', 'ow-a', 'ow-b', 'ow-c');
    await befriend('ow-me', 'ow-a');
    expect((await relate('ow-me', 'apply', 'ow-b')).status).toBe(200);
    expect((await relate('ow-me', 'black', 'ow-c')).status).toBe(200);
    const now = Date.now();

    const all = await metered(() => listFeatContacts('ow-me', { area: 'all', pageSize: 10 }, now));
    expect(all.result.results.map((view) => [view.friend, view.status])).toEqual([
      ['ow-c', 600],
      ['ow-b', 100],
      ['ow-a', 300],
    ]);
    expect(all.usage).toMatchObject({ calls: 2, roundTrips: 1, byCommand: { QueryCommand: 2 } });
    const inbox = await metered(() => listFeatContacts('ow-me', { area: 'inbox', pageSize: 10 }, now));
    expect(inbox.usage).toMatchObject({ calls: 1, roundTrips: 1, byCommand: { QueryCommand: 1 } });

    const black = await metered(() => featBlackList('ow-me', now));
    expect(black.result.map((view) => [view.friend, view.status])).toEqual([['ow-c', 600]]);
    expect(black.usage).toMatchObject({ calls: 1, roundTrips: 1, byCommand: { QueryCommand: 1 } });

    const one = await metered(() => getFeatContact('ow-me', { kind: 'user', peerId: 'ow-b' }, now));
    expect(one.result.status).toBe(100);
    expect(one.usage).toMatchObject({ calls: 1, roundTrips: 1, byCommand: { GetItemCommand: 1 } });
  });
});
