import { featapiRoutes as F } from '../../../lib/routes/featapi.js';
import { GSI1, GSI2 } from '../../../lib/store/table-definition.js';
import { tableName } from '../../../lib/store/client.js';
import { blockedContactsIndex, contactIndex, keys } from '../../../lib/store/keys.js';
import { ingestActivity } from '../../../lib/usecases/activity.js';
import { claimsFor } from '../../support/call.js';
import { bare } from '../bare.js';
import {
  allocate,
  contactedByPut,
  edgeCopy,
  edgeItem,
  find,
  newContactPut,
  putEdgeItem,
  touchContactUpdate,
  userRevCheck,
  withEdgeCopy,
} from '../bare-items.js';
import type { Scenario } from '../scenario.js';
import { pairs } from '../seed.js';
import { sharedWorld } from '../world.js';

const ADMIN = claimsFor('appserver', { scope: 'party_admin' });
let messageSeq = 0;

/** FeatAPI `/api/party/*`. */
export async function scenarios(): Promise<Scenario[]> {
  const { hubs, blocker } = await sharedWorld();
  const hub = hubs[100];
  const big = hubs[1000];
  const friendOf = (i: number, side: 'h' | 'b') => hub.friends[(i % 50) + (side === 'b' ? 50 : 0)]!;
  let made: Record<'h' | 'b', Array<[string, string]>> = { h: [], b: [] };
  const fresh =
    (name: string, state: 'none' | 'friends', unread = false) =>
    async (count: number) => {
      made = { h: await pairs(`${name}-h`, count, state), b: await pairs(`${name}-b`, count, state) };
      // b has one unread message from a
      if (unread)
        for (const [a, b] of [...made.h, ...made.b])
          await ingestActivity({ messageId: `seed-${++messageSeq}`, from: a, toUser: b }, Date.now());
    };
  const pair = (side: 'h' | 'b', i: number) => made[side][i]!;

  return [
    {
      route: F.getContact,
      data: '100 friends',
      pattern: 'GetItem contact (status from its relation copy)',
      runs: 200,
      expectedRoundTrips: 1,
      request: (i) => ({ as: hub.id, query: { user: friendOf(i, 'h') } }),
      bare: (i) => bare.get(keys.contact(hub.id, 'user', friendOf(i, 'b'))),
    },
    {
      route: F.list,
      data: '1,000 contacts, page of 20',
      pattern: "Query GSI1 (21); statuses from the contacts' relation copies",
      runs: 150,
      expectedRoundTrips: 1,
      request: () => ({ as: big.id, query: { area: 'inbox', page_size: '20' } }),
      bare: () =>
        bare.query({
          IndexName: GSI1.name,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': contactIndex.pk(big.id, 'inbox') },
          ScanIndexForward: false,
          Limit: 21,
        }),
    },
    {
      route: F.blackList,
      data: '50 blocked users',
      pattern: "Query GSI2 BLOCKEDCONTACTS# (the blocked users' contacts)",
      runs: 150,
      expectedRoundTrips: 1,
      request: () => ({ as: blocker.id }),
      bare: () =>
        bare.query({
          IndexName: GSI2.name,
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': blockedContactsIndex.pk(blocker.id) },
          ScanIndexForward: false,
        }),
    },
    {
      route: F.moveContact,
      data: '100 contacts',
      pattern: 'conditional UpdateItem contact',
      runs: 150,
      expectedRoundTrips: 1,
      request: (i) => ({ as: hub.id, body: { user: friendOf(i, 'h'), area: i % 2 ? 'archive' : 'inbox' } }),
      bare: (i) =>
        bare.update({
          Key: keys.contact(hub.id, 'user', friendOf(i, 'b')),
          UpdateExpression: 'SET #area = :area, gsi1pk = :gpk',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#hidden)',
          ExpressionAttributeNames: { '#area': 'area', '#hidden': 'hidden' },
          ExpressionAttributeValues: { ':area': i % 2 ? 'archive' : 'inbox', ':gpk': contactIndex.pk(hub.id, i % 2 ? 'archive' : 'inbox') },
        }),
    },
    {
      route: F.removeContact,
      data: 'a friend',
      pattern: 'conditional UpdateItem contact',
      runs: 100,
      expectedRoundTrips: 1,
      prepare: fresh('rmc', 'friends'),
      request: (i) => ({ as: pair('h', i)[0], body: { user: pair('h', i)[1] } }),
      bare: (i) =>
        bare.update({
          Key: keys.contact(pair('b', i)[0], 'user', pair('b', i)[1]),
          UpdateExpression: 'SET #hidden = :true, unreadCount = :zero REMOVE gsi1pk, gsi3pk',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#hidden)',
          ExpressionAttributeNames: { '#hidden': 'hidden' },
          ExpressionAttributeValues: { ':true': true, ':zero': 0 },
        }),
    },
    {
      route: F.markRead,
      data: '1 unread contact',
      pattern: 'BatchGet (consistent) contacts → TransactWrite unread 0',
      runs: 100,
      expectedRoundTrips: 2,
      prepare: fresh('mrd', 'none', true),
      request: (i) => ({ as: pair('h', i)[1], body: { from_user: [pair('h', i)[0]], to_group: [] } }),
      bare: async (i) => {
        const [a, b] = pair('b', i);
        await bare.batchGet([keys.contact(b, 'user', a)], true);
        await bare.transact([
          {
            Update: {
              TableName: tableName(),
              Key: keys.contact(b, 'user', a),
              UpdateExpression: 'SET unreadCount = :zero',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':zero': 0 },
            },
          },
        ]);
      },
    },
    {
      route: F.ingestActivity,
      data: 'direct message, contacts exist',
      pattern: 'BatchGet (consistent, with the relation a new contact would copy) → TransactWrite (marker, 2 contacts)',
      runs: 150,
      expectedRoundTrips: 2,
      prepare: fresh('ing', 'friends'),
      request: (i) => ({
        as: ADMIN,
        body: { message_id: `bench-h-${i}-${++messageSeq}`, from: pair('h', i % 20)[0], to_user: pair('h', i % 20)[1] },
      }),
      bare: async (i) => {
        const [a, b] = pair('b', i % 20);
        const id = `bench-b-${i}-${++messageSeq}`;
        const found = await bare.batchGet(
          [
            keys.user(a),
            keys.user(b),
            keys.contact(a, 'user', b),
            keys.contact(b, 'user', a),
            keys.ingestChunk(id, 0),
            keys.friendEdge(a, b),
            keys.friendEdge(b, a),
            keys.block(a, b),
            keys.block(b, a),
          ],
          true,
        );
        await bare.transact([
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.ingestChunk(id, 0), type: 'INGEST', chunks: 1, createdAt: Date.now() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          touchContactUpdate(a, b, find(found, keys.contact(a, 'user', b))!.area as string, find(found, keys.user(b))),
          touchContactUpdate(b, a, find(found, keys.contact(b, 'user', a))!.area as string, find(found, keys.user(a)), 1),
        ]);
      },
    },
    {
      route: F.updateRelation,
      data: 'apply to a stranger',
      pattern:
        'BatchGet (consistent) relation, counter ADD, TransactWrite (2 edges, 2 block checks, 2 user rev checks, 2 contacts with relation copies and CONTACTEDBY# rows) → GetItem view',
      runs: 100,
      expectedRoundTrips: 4,
      prepare: fresh('rel', 'none'),
      request: (i) => ({ as: pair('h', i)[0], body: { action: 'apply', friend: pair('h', i)[1] } }),
      bare: async (i) => {
        const [a, b] = pair('b', i);
        const found = await bare.batchGet(
          [
            keys.user(a),
            keys.user(b),
            keys.friendEdge(a, b),
            keys.friendEdge(b, a),
            keys.block(a, b),
            keys.block(b, a),
            keys.contact(a, 'user', b),
            keys.contact(b, 'user', a),
          ],
          true,
        );
        const id = await allocate(2);
        const me = find(found, keys.user(a));
        const friend = find(found, keys.user(b));
        const check = (key: { pk: string; sk: string }) => ({
          ConditionCheck: { TableName: tableName(), Key: key, ConditionExpression: 'attribute_not_exists(pk)' },
        });
        await bare.transact([
          putEdgeItem(edgeItem(a, b, 10, friend, 1), undefined),
          putEdgeItem(edgeItem(b, a, 11, me, 1), undefined),
          check(keys.block(a, b)),
          check(keys.block(b, a)),
          userRevCheck(me),
          userRevCheck(friend),
          withEdgeCopy(newContactPut(a, b, id, friend), edgeCopy(10, 1)),
          withEdgeCopy(newContactPut(b, a, id + 1, me), edgeCopy(11, 1)),
          contactedByPut(a, b),
          contactedByPut(b, a),
        ]);
        await bare.get(keys.contact(a, 'user', b), true);
      },
    },
  ];
}
