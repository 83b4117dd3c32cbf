import { friendshipRoutes as S } from '../../../lib/routes/friendship.js';
import { tableName } from '../../../lib/store/client.js';
import { keys, userPk } from '../../../lib/store/keys.js';
import { bare } from '../bare.js';
import {
  allocate,
  contactedByPut,
  edgeCopy,
  edgeCopyUpdate,
  edgeItem,
  find,
  friendPhoneDelete,
  friendPhonePut,
  newContactPut,
  putEdgeItem,
  touchContactUpdate,
  touchWithEdgeCopy,
  userRevCheck,
  withEdgeCopy,
} from '../bare-items.js';
import type { Scenario } from '../scenario.js';
import { hubWithFriends, pairs } from '../seed.js';
import { sharedWorld } from '../world.js';

/** batch_delete: ten friends per request, each side deleting from its own half of one user's 500 friends. */
const BATCH_DELETE_RUNS = 20;
const BATCH_DELETE_WARMUP = 3;
const BATCH_DELETE_HALF = 250;

/** SealTalk `/friendship/*`. */
export async function scenarios(): Promise<Scenario[]> {
  const { hubs } = await sharedWorld();
  const hub = hubs[100];
  const friendOf = (i: number, side: 'h' | 'b') => hub.friends[(i % 50) + (side === 'b' ? 50 : 0)]!;

  /** Fresh pairs per request, one set for each side. */
  const fresh = (name: string, state: 'none' | 'pending' | 'friends') => {
    const made: Record<'h' | 'b', Array<[string, string]>> = { h: [], b: [] };
    return {
      prepare: async (count: number) => {
        made.h = await pairs(`${name}-h`, count, state);
        made.b = await pairs(`${name}-b`, count, state);
      },
      pair: (side: 'h' | 'b', i: number) => made[side][i]!,
    };
  };

  /** invite / agree: one consistent read of everything the decision needs, then one transaction. */
  const readPair = (a: string, b: string) =>
    Promise.all([
      bare.batchGet([keys.user(a), keys.user(b), keys.friendEdge(a, b), keys.friendEdge(b, a), keys.block(b, a)], true),
      bare.batchGet([keys.contact(a, 'user', b), keys.contact(b, 'user', a), keys.block(a, b)], true),
    ]);

  const invite = fresh('inv', 'none');
  const agree = fresh('agr', 'pending');
  const ignore = fresh('ign', 'pending');
  const del = fresh('del', 'friends');
  let deleter: string[] = [];

  /** Changes my own edge: consistent GetItem, conditional PutItem. */
  const changeMine = async (me: string, friend: string, change: Record<string, unknown>) => {
    const edge = (await bare.get(keys.friendEdge(me, friend), true)).Item!;
    await bare.put(
      { ...edge, ...change, updatedAt: Date.now(), rev: (edge.rev as number) + 1 },
      { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': edge.rev } },
    );
  };

  /** Changes my own edge's status: consistent GetItem edge ‖ GetItem contact, TransactWrite (edge, its copy on my contact, and my friend-by-phone row when it leaves agreed). */
  const changeMyStatus = async (me: string, friend: string, change: { status: number } & Record<string, unknown>) => {
    const [edgeOut] = await Promise.all([bare.get(keys.friendEdge(me, friend), true), bare.get(keys.contact(me, 'user', friend), true)]);
    const edge = edgeOut.Item!;
    const rev = (edge.rev as number) + 1;
    await bare.transact([
      putEdgeItem({ ...edge, ...change, updatedAt: Date.now(), rev }, edge.rev as number),
      edgeCopyUpdate(me, friend, edgeCopy(change.status, rev)),
      ...(edge.status === 20 ? [friendPhoneDelete(me, (edge.peer as { phone: string }).phone)] : []),
    ]);
  };

  const list: Scenario[] = ([1, 100, 1000] as const).map((size): Scenario => ({
    route: S.all,
    data: `${size.toLocaleString('en')} friend${size > 1 ? 's' : ''}`,
    pattern: 'Query FRIEND# (all pages)',
    runs: size === 1000 ? 40 : 150,
    expectedRoundTrips: 1,
    request: () => ({ as: hubs[size].id }),
    bare: () => bare.queryPrefix(userPk(hubs[size].id), 'FRIEND#'),
  }));

  return [
    ...list,
    {
      route: S.profile,
      data: '100 friends',
      pattern: 'GetItem edge',
      runs: 200,
      expectedRoundTrips: 1,
      request: (i) => ({ as: hub.id, params: { friendId: friendOf(i, 'h') } }),
      bare: (i) => bare.get(keys.friendEdge(hub.id, friendOf(i, 'b'))),
    },
    {
      route: S.getFriendDescription,
      data: '100 friends',
      pattern: 'GetItem edge',
      runs: 200,
      expectedRoundTrips: 1,
      request: (i) => ({ as: hub.id, body: { friendId: friendOf(i, 'h') } }),
      bare: (i) => bare.get(keys.friendEdge(hub.id, friendOf(i, 'b'))),
    },
    {
      route: S.contactsInfo,
      data: '100 phones, all friends',
      pattern: 'BatchGet PHONE# claims (with cards) ‖ BatchGet my FRIENDPHONE# rows',
      runs: 100,
      expectedRoundTrips: 1,
      request: () => ({ as: hub.id, body: { contactList: hub.phones } }),
      bare: () =>
        Promise.all([
          bare.batchGet(hub.phones.map((phone) => keys.phone(phone))),
          bare.batchGet(hub.phones.map((phone) => keys.friendPhone(hub.id, phone))),
        ]),
    },
    {
      route: S.invite,
      data: 'new pair (Sent)',
      pattern:
        'BatchGet ‖ BatchGet, counter ADD, TransactWrite (2 edges, 2 block checks, 2 user rev checks, 2 contacts with relation copies and CONTACTEDBY# rows)',
      runs: 100,
      expectedRoundTrips: 3,
      prepare: invite.prepare,
      request: (i) => ({ as: invite.pair('h', i)[0], body: { friendId: invite.pair('h', i)[1], message: 'hello' } }),
      bare: async (i) => {
        const [a, b] = invite.pair('b', i);
        const [found] = await readPair(a, b);
        const id = await allocate(2);
        const me = find(found, keys.user(a));
        const friend = find(found, keys.user(b));
        await bare.transact([
          putEdgeItem(edgeItem(a, b, 10, friend, 1), undefined),
          putEdgeItem(edgeItem(b, a, 11, me, 1, 'hello'), undefined),
          { ConditionCheck: { TableName: tableName(), Key: keys.block(b, a), ConditionExpression: 'attribute_not_exists(pk)' } },
          { ConditionCheck: { TableName: tableName(), Key: keys.block(a, b), ConditionExpression: 'attribute_not_exists(pk)' } },
          userRevCheck(me),
          userRevCheck(friend),
          withEdgeCopy(newContactPut(a, b, id, friend), edgeCopy(10, 1)),
          withEdgeCopy(newContactPut(b, a, id + 1, me), edgeCopy(11, 1)),
          contactedByPut(a, b),
          contactedByPut(b, a),
        ]);
      },
    },
    {
      route: S.agree,
      data: 'pending request',
      pattern:
        'BatchGet ‖ BatchGet, TransactWrite (2 edges, 2 FRIENDPHONE# rows, 2 unblocks, 2 user rev checks, 2 contacts with relation copies)',
      runs: 100,
      expectedRoundTrips: 2,
      prepare: agree.prepare,
      request: (i) => ({ as: agree.pair('h', i)[1], body: { friendId: agree.pair('h', i)[0] } }),
      bare: async (i) => {
        const [b, a] = agree.pair('b', i);
        const [found, contacts] = await readPair(a, b);
        const me = find(found, keys.user(a));
        const friend = find(found, keys.user(b));
        const mine = find(found, keys.friendEdge(a, b))!;
        const theirs = find(found, keys.friendEdge(b, a))!;
        await bare.transact([
          putEdgeItem(edgeItem(a, b, 20, friend, (mine.rev as number) + 1), mine.rev as number),
          putEdgeItem(edgeItem(b, a, 20, me, (theirs.rev as number) + 1), theirs.rev as number),
          friendPhonePut(a, b, friend!.phone as string, (mine.rev as number) + 1),
          friendPhonePut(b, a, me!.phone as string, (theirs.rev as number) + 1),
          { Delete: { TableName: tableName(), Key: keys.block(b, a) } },
          { Delete: { TableName: tableName(), Key: keys.blockedBy(a, b) } },
          { Delete: { TableName: tableName(), Key: keys.block(a, b) } },
          { Delete: { TableName: tableName(), Key: keys.blockedBy(b, a) } },
          userRevCheck(me),
          userRevCheck(friend),
          touchWithEdgeCopy(
            touchContactUpdate(a, b, (find(contacts, keys.contact(a, 'user', b))?.area as string) ?? 'inbox', friend),
            edgeCopy(20, (mine.rev as number) + 1),
            true,
          ),
          touchWithEdgeCopy(
            touchContactUpdate(b, a, (find(contacts, keys.contact(b, 'user', a))?.area as string) ?? 'inbox', me),
            edgeCopy(20, (theirs.rev as number) + 1),
            true,
          ),
        ]);
      },
    },
    {
      route: S.ignore,
      data: 'pending request',
      pattern: 'GetItem ‖ GetItem (consistent) → TransactWrite (edge, contact relation copy)',
      runs: 100,
      expectedRoundTrips: 2,
      prepare: ignore.prepare,
      request: (i) => ({ as: ignore.pair('h', i)[1], body: { friendId: ignore.pair('h', i)[0] } }),
      bare: (i) => changeMyStatus(ignore.pair('b', i)[1], ignore.pair('b', i)[0], { status: 21 }),
    },
    {
      route: S.delete,
      data: 'agreed pair',
      pattern: 'GetItem ‖ GetItem (consistent) → TransactWrite (edge, contact relation copy, FRIENDPHONE# Delete)',
      runs: 100,
      expectedRoundTrips: 2,
      prepare: del.prepare,
      request: (i) => ({ as: del.pair('h', i)[0], body: { friendId: del.pair('h', i)[1] } }),
      bare: (i) => changeMyStatus(del.pair('b', i)[0], del.pair('b', i)[1], { status: 30, displayName: '', message: '' }),
    },
    {
      route: S.batchDelete,
      data: '10 of 500 friends',
      pattern:
        'BatchGet ‖ BatchGet (consistent) 10 edges, 10 contacts → TransactWrite 10 edge Puts + 10 FRIENDPHONE# Deletes + 10 copy Updates',
      runs: BATCH_DELETE_RUNS,
      warmup: BATCH_DELETE_WARMUP,
      expectedRoundTrips: 2,
      // Its own user with 500 friends: the handler deletes from the first half and the baseline from the second, ten per request.
      prepare: async () => {
        deleter = (await hubWithFriends('bdhub', 2 * BATCH_DELETE_HALF)).friends;
      },
      request: (i) => ({ as: 'bdhub', body: { friendIds: deleter.slice(i * 10, i * 10 + 10) } }),
      bare: async (i) => {
        const ids = deleter.slice(BATCH_DELETE_HALF + i * 10, BATCH_DELETE_HALF + i * 10 + 10);
        const [edges] = await Promise.all([
          bare.batchGet(
            ids.map((id) => keys.friendEdge('bdhub', id)),
            true,
          ),
          bare.batchGet(
            ids.map((id) => keys.contact('bdhub', 'user', id)),
            true,
          ),
        ]);
        // as the handler orders them: the edges, then each friend's row and copy
        await bare.transact([
          ...edges.map((edge) =>
            putEdgeItem({ ...edge, status: 30, displayName: '', message: '', rev: (edge.rev as number) + 1 }, edge.rev as number),
          ),
          ...edges.flatMap((edge) => [
            friendPhoneDelete('bdhub', (edge.peer as { phone: string }).phone),
            edgeCopyUpdate('bdhub', edge.friendId as string, edgeCopy(30, (edge.rev as number) + 1)),
          ]),
        ]);
      },
    },
    {
      route: S.setDisplayName,
      data: '1,000 friends',
      pattern: 'GetItem (consistent) → conditional PutItem',
      runs: 100,
      expectedRoundTrips: 2,
      request: (i) => ({ as: hubs[1000].id, body: { friendId: hubs[1000].friends[i]!, displayName: `Friend ${i}` } }),
      bare: (i) => changeMine(hubs[1000].id, hubs[1000].friends[500 + i]!, { displayName: `Friend ${i}` }),
    },
    {
      route: S.setFriendDescription,
      data: '1,000 friends',
      pattern: 'GetItem (consistent) → conditional PutItem',
      runs: 100,
      expectedRoundTrips: 2,
      request: (i) => ({
        as: hubs[1000].id,
        body: { friendId: hubs[1000].friends[i]!, description: `met at event ${i}`, region: '86', phone: '13900000000' },
      }),
      bare: (i) =>
        changeMine(hubs[1000].id, hubs[1000].friends[500 + i]!, { description: `met at event ${i}`, region: '86', phone: '13900000000' }),
    },
  ];
}
