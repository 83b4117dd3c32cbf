import { userRoutes as U } from '../../../lib/routes/user.js';
import { tableName } from '../../../lib/store/client.js';
import { keys, userPhoneIndex, userPk } from '../../../lib/store/keys.js';
import { GSI1 } from '../../../lib/store/table-definition.js';
import { blackUser } from '../../../lib/usecases/relations.js';
import { bare, inParallel } from '../bare.js';
import { allocate, blockedContactPut, contactedByPut, cardOf, find, newContactPut, userRevCheck } from '../bare-items.js';
import type { Scenario } from '../scenario.js';
import { makeUsers } from '../seed.js';
import { BIG_HUB, bigHub, sharedWorld } from '../world.js';

/** A profile change as the request makes it: the user record only (the copies follow on the change stream, docs/change-stream.md). */
function bareProfileUpdate(userId: string, change: Record<string, unknown>) {
  const names = Object.keys(change);
  return bare.update({
    Key: keys.user(userId),
    UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}, updatedAt = :now ADD rev :one`,
    ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
    ExpressionAttributeValues: { ...Object.fromEntries(names.map((name, i) => [`:v${i}`, change[name]])), ':now': Date.now(), ':one': 1 },
    ConditionExpression: 'attribute_exists(pk)',
  });
}

/** SealTalk `/user/*`. */
export async function scenarios(): Promise<Scenario[]> {
  const { hubs, blocker } = await sharedWorld();
  const solo = hubs[1];
  const looker = 'looker';
  await makeUsers([looker]);
  let targets: Record<'h' | 'b', string[]> = { h: [], b: [] };
  const freshTargets = (name: string, blocked: boolean) => async (count: number) => {
    targets = { h: Array.from({ length: count }, (_, i) => `${name}-h${i}`), b: Array.from({ length: count }, (_, i) => `${name}-b${i}`) };
    await makeUsers([...targets.h, ...targets.b]);
    if (blocked) await inParallel([...targets.h, ...targets.b], 16, (other) => blackUser(looker, other, Date.now()));
  };
  // The same request whatever the graph: the card's copies follow on the stream (bench/stream-lag.ts measures them).
  const hubIds = { 1: hubs[1].id, 1000: hubs[1000].id, [BIG_HUB.size]: BIG_HUB.id };
  const profileChanges = ([1, 1000, BIG_HUB.size] as const).map((size): Scenario => ({
    route: U.setNickname,
    data: `${size.toLocaleString('en')} friend${size > 1 ? 's' : ''}`,
    pattern: 'UpdateItem user (the copies follow on the change stream)',
    runs: 100,
    expectedRoundTrips: 1,
    ...(size === BIG_HUB.size ? { prepare: () => bigHub().then(() => undefined) } : {}),
    request: (i) => ({ as: hubIds[size], body: { nickname: `Hub ${i}` } }),
    bare: (i) => bareProfileUpdate(hubIds[size], { nickname: `Hub ${i}` }),
  }));
  const stAccount = (side: 'h' | 'b', i: number) => `acct${side}${i}x`;
  return [
    ...profileChanges,
    {
      route: U.setPortraitUri,
      data: '1 friend',
      pattern: 'as set_nickname',
      runs: 100,
      expectedRoundTrips: 3,
      request: (i) => ({ as: solo.id, body: { portraitUri: `https://cdn.example.com/p/${i}.png` } }),
      bare: (i) => bareProfileUpdate(solo.id, { portraitUri: `https://cdn.example.com/p/${i}.png` }),
    },
    {
      route: U.setGender,
      data: '1 friend',
      pattern: 'as set_nickname',
      runs: 100,
      expectedRoundTrips: 3,
      request: (i) => ({ as: solo.id, body: { gender: i % 2 ? 'male' : 'female' } }),
      bare: (i) => bareProfileUpdate(solo.id, { gender: i % 2 ? 'male' : 'female' }),
    },
    {
      route: U.setStAccount,
      data: 'new account each time',
      pattern: 'GetItem (consistent) → TransactWrite (claim, user held to its rev, release)',
      runs: 100,
      expectedRoundTrips: 2,
      prepare: () => makeUsers(['stacc-h', 'stacc-b'], { phones: true }).then(() => undefined),
      request: (i) => ({ as: 'stacc-h', body: { stAccount: stAccount('h', i) } }),
      bare: async (i) => {
        const user = (await bare.get(keys.user('stacc-b'), true)).Item!;
        const old = user.stAccount as string;
        await bare.transact([
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.stAccount(stAccount('b', i)), type: 'STACCOUNT', userId: 'stacc-b', stAccount: stAccount('b', i) },
              ConditionExpression: 'attribute_not_exists(pk) OR userId = :me',
              ExpressionAttributeValues: { ':me': 'stacc-b' },
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: keys.user('stacc-b'),
              UpdateExpression: 'SET stAccount = :acc, updatedAt = :now ADD rev :one',
              ConditionExpression: `stAccount = :old AND ${user.rev === undefined ? 'attribute_not_exists(rev)' : 'rev = :rev'}`,
              ExpressionAttributeValues: {
                ':acc': stAccount('b', i),
                ':now': Date.now(),
                ':old': old,
                ':one': 1,
                ...(user.rev === undefined ? {} : { ':rev': user.rev }),
              },
            },
          },
          ...(old
            ? [
                {
                  Delete: {
                    TableName: tableName(),
                    Key: keys.stAccount(old),
                    ConditionExpression: 'userId = :me',
                    ExpressionAttributeValues: { ':me': 'stacc-b' },
                  },
                },
              ]
            : []),
        ]);
      },
    },
    {
      route: U.setPrivacy,
      data: 'one user',
      pattern: 'UpdateItem user (no return values)',
      runs: 150,
      expectedRoundTrips: 1,
      request: (i) => ({ as: solo.id, body: { friVerify: i % 2 } }),
      bare: (i) =>
        bare.update({
          Key: keys.user(solo.id),
          UpdateExpression: 'SET friVerify = :v, updatedAt = :now ADD rev :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':v': 1 - (i % 2), ':now': Date.now(), ':one': 1 },
        }),
    },
    {
      route: U.getPrivacy,
      data: 'one user',
      pattern: 'GetItem user',
      runs: 200,
      expectedRoundTrips: 1,
      request: () => ({ as: hubs[100].id }),
      bare: () => bare.get(keys.user(hubs[100].id)),
    },
    {
      route: U.get,
      data: 'one user',
      pattern: 'BatchGet user, my edge to them, their block of me',
      runs: 200,
      expectedRoundTrips: 1,
      request: (i) => ({ as: looker, params: { id: hubs[100].friends[i % 100]! } }),
      bare: (i) => {
        const id = hubs[100].friends[i % 100]!;
        return bare.batchGet([keys.user(id), keys.friendEdge(looker, id), keys.block(id, looker)]);
      },
    },
    {
      route: U.findByPhone,
      data: 'one user',
      pattern: 'Query GSI1 USERPHONE# (Limit 1)',
      runs: 200,
      expectedRoundTrips: 1,
      request: (i) => ({ as: looker, params: { region: '86', phone: hubs[100].phones[i % 100]! } }),
      bare: (i) =>
        bare.query({
          IndexName: GSI1.name,
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
          Limit: 1,
          ExpressionAttributeValues: { ':pk': userPhoneIndex.pk(hubs[100].phones[i % 100]!), ':sk': userPhoneIndex.sk },
        }),
    },
    {
      route: U.addToBlacklist,
      data: 'a stranger',
      pattern:
        "BatchGet (consistent) relation, counter ADD, TransactWrite (block with card, reverse row, contact with relation copy and its CONTACTEDBY# row, edge check, both users' rev checks)",
      runs: 100,
      expectedRoundTrips: 3,
      prepare: freshTargets('blk', false),
      request: (i) => ({ as: looker, body: { friendId: targets.h[i]! } }),
      bare: async (i) => {
        const other = targets.b[i]!;
        const found = await bare.batchGet(
          [
            keys.user(looker),
            keys.user(other),
            keys.friendEdge(looker, other),
            keys.friendEdge(other, looker),
            keys.block(looker, other),
            keys.block(other, looker),
            keys.contact(looker, 'user', other),
            keys.contact(other, 'user', looker),
          ],
          true,
        );
        const id = await allocate(1);
        await bare.transact([
          {
            Put: {
              TableName: tableName(),
              ConditionExpression: 'attribute_not_exists(pk)',
              Item: {
                ...keys.block(looker, other),
                type: 'BLOCK',
                userId: looker,
                blockedId: other,
                peer: cardOf(find(found, keys.user(other))),
                createdAt: Date.now(),
              },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.blockedBy(other, looker), type: 'BLOCKEDBY', userId: other, blockerId: looker, createdAt: Date.now() },
            },
          },
          blockedContactPut(newContactPut(looker, other, id, find(found, keys.user(other)))),
          contactedByPut(looker, other),
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: keys.friendEdge(looker, other),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          // Both users' records unchanged since read (the card copied is current): their `rev` as read.
          userRevCheck(find(found, keys.user(looker))),
          userRevCheck(find(found, keys.user(other))),
        ]);
      },
    },
    {
      route: U.removeFromBlacklist,
      data: 'a blocked user',
      pattern: 'TransactWrite (delete block, reverse row, contact relation copy)',
      runs: 100,
      expectedRoundTrips: 1,
      prepare: freshTargets('unblk', true),
      request: (i) => ({ as: looker, body: { friendId: targets.h[i]! } }),
      bare: (i) =>
        bare.transact([
          { Delete: { TableName: tableName(), Key: keys.block(looker, targets.b[i]!), ConditionExpression: 'attribute_exists(pk)' } },
          { Delete: { TableName: tableName(), Key: keys.blockedBy(targets.b[i]!, looker) } },
          {
            Update: {
              TableName: tableName(),
              Key: keys.contact(looker, 'user', targets.b[i]!),
              UpdateExpression: 'REMOVE blockedByMe, gsi2pk',
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ]),
    },
    {
      route: U.blacklist,
      data: '50 blocked users',
      pattern: 'Query BLOCK# (each entry carries the card)',
      runs: 150,
      expectedRoundTrips: 1,
      request: () => ({ as: blocker.id }),
      bare: () => bare.queryPrefix(userPk(blocker.id), 'BLOCK#', { ProjectionExpression: 'sk, peer' }),
    },
  ];
}
