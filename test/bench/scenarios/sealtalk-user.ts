import { userRoutes as U } from '../../../lib/routes/user.js';
import { tableName } from '../../../lib/store/client.js';
import { idFromSk, keys, userPhoneIndex, userPk } from '../../../lib/store/keys.js';
import { GSI1 } from '../../../lib/store/table-definition.js';
import { blackUser } from '../../../lib/usecases/relations.js';
import { bare, inParallel } from '../bare.js';
import { allocate, blockedContactPut, contactedByPut, cardOf, find, newContactPut, userRevCheck } from '../bare-items.js';
import type { Scenario } from '../scenario.js';
import { makeUsers } from '../seed.js';
import { sharedWorld } from '../world.js';

/** The card a phone claim carries (get_contacts_info). */
const phoneCardOf = (user: Record<string, unknown>) => ({ id: user.id, nickname: user.nickname, portraitUri: user.portraitUri, stAccount: user.stAccount, rev: user.rev });

/** The update of the card on the user's phone claim: a card at this revision or newer is left alone. */
const claimCardUpdate = (user: Record<string, unknown>) => ({
  Key: keys.phone(user.phone as string), UpdateExpression: 'SET card = :card',
  ConditionExpression: 'userId = :me AND attribute_exists(card) AND (attribute_not_exists(card.rev) OR card.rev < :cardRev)',
  ExpressionAttributeValues: { ':card': phoneCardOf(user), ':me': user.id, ':cardRev': user.rev },
});

/**
 * The fan-out of a profile change: update the user, then the copy of the card each friend, contact and blacklist entry holds,
 * and the card on the user's phone claim.
 */
async function bareProfileChange(userId: string, change: Record<string, unknown>): Promise<void> {
  const names = Object.keys(change);
  const out = await bare.update({
    Key: keys.user(userId),
    UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}, updatedAt = :now ADD rev :one`,
    ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
    ExpressionAttributeValues: { ...Object.fromEntries(names.map((name, i) => [`:v${i}`, change[name]])), ':now': Date.now(), ':one': 1 },
    ReturnValues: 'ALL_NEW',
  });
  const user = out.Attributes!;
  const card = { id: user.id, nickname: user.nickname, region: user.region, phone: user.phone, portraitUri: user.portraitUri, gender: user.gender, stAccount: user.stAccount, firstName: user.firstName, lastName: user.lastName, fullname: user.fullname, expertise: user.expertise, timezone: user.timezone, location: user.location, avatar: user.avatar, rev: user.rev };
  // Each kind of holder is queried and its copies rewritten (16 in flight) as soon as its Query answers;
  // a copy at this revision or newer is left alone (the guard the pattern needs against out-of-order fan-outs).
  const holders = [
    { prefix: 'FRIEND#', key: (sk: string) => keys.friendEdge(idFromSk(sk, 'FRIEND#'), userId) },
    { prefix: 'CONTACT#U#', key: (sk: string) => keys.contact(idFromSk(sk, 'CONTACT#U#'), 'user', userId) },
    { prefix: 'BLOCKEDBY#', key: (sk: string) => keys.block(idFromSk(sk, 'BLOCKEDBY#'), userId) },
  ];
  await Promise.all([
    user.phone ? bare.update(claimCardUpdate(user)) : undefined,
    ...holders.map(async (holder) => {
      const mine = await bare.queryPrefix(userPk(userId), holder.prefix, { ProjectionExpression: 'sk' });
      await inParallel(mine, 16, (item) => bare.update({
        Key: holder.key(item.sk as string), UpdateExpression: 'SET peer = :card ADD rev :one',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(peer.rev) OR peer.rev < :cardRev)',
        ExpressionAttributeValues: { ':card': card, ':one': 1, ':cardRev': user.rev },
      }));
    }),
  ]);
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
  const fanOut = ([1, 100, 1000] as const).map((size): Scenario => ({
    route: U.setNickname, data: `${size.toLocaleString('en')} friend${size > 1 ? 's' : ''} (card fan-out)`,
    pattern: 'UpdateItem user → guarded UpdateItem phone claim card ‖ Query edges ‖ contacts ‖ BLOCKEDBY#, each → guarded UpdateItem per copy (16 in flight per kind)',
    runs: size === 1000 ? 2 : size === 100 ? 12 : 100, warmup: size === 1000 ? 1 : 3, expectedRoundTrips: 3,
    request: (i) => ({ as: hubs[size].id, body: { nickname: `Hub ${i}` } }),
    bare: (i) => bareProfileChange(hubs[size].id, { nickname: `Hub ${i}` }),
  }));
  const stAccount = (side: 'h' | 'b', i: number) => `acct${side}${i}x`;
  return [
    ...fanOut,
    {
      route: U.setPortraitUri, data: '1 friend', pattern: 'as set_nickname', runs: 100, expectedRoundTrips: 3,
      request: (i) => ({ as: solo.id, body: { portraitUri: `https://cdn.example.com/p/${i}.png` } }),
      bare: (i) => bareProfileChange(solo.id, { portraitUri: `https://cdn.example.com/p/${i}.png` }),
    },
    {
      route: U.setGender, data: '1 friend', pattern: 'as set_nickname', runs: 100, expectedRoundTrips: 3,
      request: (i) => ({ as: solo.id, body: { gender: i % 2 ? 'male' : 'female' } }),
      bare: (i) => bareProfileChange(solo.id, { gender: i % 2 ? 'male' : 'female' }),
    },
    {
      route: U.setStAccount, data: 'new account each time', pattern: 'GetItem (consistent) → TransactWrite (claim, user held to its rev, release, phone claim card) → fan-out', runs: 100, expectedRoundTrips: 3,
      prepare: () => makeUsers(['stacc-h', 'stacc-b'], { phones: true }).then(() => undefined),
      request: (i) => ({ as: 'stacc-h', body: { stAccount: stAccount('h', i) } }),
      bare: async (i) => {
        const user = (await bare.get(keys.user('stacc-b'), true)).Item!;
        const old = user.stAccount as string;
        await bare.transact([
          { Put: { TableName: tableName(), Item: { ...keys.stAccount(stAccount('b', i)), type: 'STACCOUNT', userId: 'stacc-b', stAccount: stAccount('b', i) }, ConditionExpression: 'attribute_not_exists(pk) OR userId = :me', ExpressionAttributeValues: { ':me': 'stacc-b' } } },
          {
            Update: {
              TableName: tableName(), Key: keys.user('stacc-b'), UpdateExpression: 'SET stAccount = :acc, updatedAt = :now ADD rev :one',
              ConditionExpression: `stAccount = :old AND ${user.rev === undefined ? 'attribute_not_exists(rev)' : 'rev = :rev'}`,
              ExpressionAttributeValues: { ':acc': stAccount('b', i), ':now': Date.now(), ':old': old, ':one': 1, ...(user.rev === undefined ? {} : { ':rev': user.rev }) },
            },
          },
          ...(old ? [{ Delete: { TableName: tableName(), Key: keys.stAccount(old), ConditionExpression: 'userId = :me', ExpressionAttributeValues: { ':me': 'stacc-b' } } }] : []),
          { Update: { TableName: tableName(), ...claimCardUpdate({ ...user, stAccount: stAccount('b', i), rev: ((user.rev as number | undefined) ?? 0) + 1 }) } },
        ]);
        await Promise.all(['FRIEND#', 'CONTACT#U#', 'BLOCKEDBY#'].map((prefix) => bare.queryPrefix(userPk('stacc-b'), prefix, { ProjectionExpression: 'sk' })));
      },
    },
    {
      route: U.setPrivacy, data: 'one user', pattern: 'UpdateItem user (no return values)', runs: 150, expectedRoundTrips: 1,
      request: (i) => ({ as: solo.id, body: { friVerify: i % 2 } }),
      bare: (i) => bare.update({ Key: keys.user(solo.id), UpdateExpression: 'SET friVerify = :v, updatedAt = :now ADD rev :one', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':v': 1 - (i % 2), ':now': Date.now(), ':one': 1 } }),
    },
    {
      route: U.getPrivacy, data: 'one user', pattern: 'GetItem user', runs: 200, expectedRoundTrips: 1,
      request: () => ({ as: hubs[100].id }),
      bare: () => bare.get(keys.user(hubs[100].id)),
    },
    {
      route: U.get, data: 'one user', pattern: 'BatchGet user, my edge to them, their block of me', runs: 200, expectedRoundTrips: 1,
      request: (i) => ({ as: looker, params: { id: hubs[100].friends[i % 100]! } }),
      bare: (i) => {
        const id = hubs[100].friends[i % 100]!;
        return bare.batchGet([keys.user(id), keys.friendEdge(looker, id), keys.block(id, looker)]);
      },
    },
    {
      route: U.findByPhone, data: 'one user', pattern: 'Query GSI1 USERPHONE# (Limit 1)', runs: 200, expectedRoundTrips: 1,
      request: (i) => ({ as: looker, params: { region: '86', phone: hubs[100].phones[i % 100]! } }),
      bare: (i) => bare.query({
        IndexName: GSI1.name, KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk', Limit: 1,
        ExpressionAttributeValues: { ':pk': userPhoneIndex.pk(hubs[100].phones[i % 100]!), ':sk': userPhoneIndex.sk },
      }),
    },
    {
      route: U.addToBlacklist, data: 'a stranger', pattern: 'BatchGet (consistent) relation, counter ADD, TransactWrite (block with card, reverse row, contact with relation copy and its CONTACTEDBY# row, edge check, both users\' rev checks)', runs: 100, expectedRoundTrips: 3,
      prepare: freshTargets('blk', false),
      request: (i) => ({ as: looker, body: { friendId: targets.h[i]! } }),
      bare: async (i) => {
        const other = targets.b[i]!;
        const found = await bare.batchGet([
          keys.user(looker), keys.user(other), keys.friendEdge(looker, other), keys.friendEdge(other, looker), keys.block(looker, other),
          keys.block(other, looker), keys.contact(looker, 'user', other), keys.contact(other, 'user', looker),
        ], true);
        const id = await allocate(1);
        await bare.transact([
          {
            Put: {
              TableName: tableName(), ConditionExpression: 'attribute_not_exists(pk)',
              Item: { ...keys.block(looker, other), type: 'BLOCK', userId: looker, blockedId: other, peer: cardOf(find(found, keys.user(other))), createdAt: Date.now() },
            },
          },
          { Put: { TableName: tableName(), Item: { ...keys.blockedBy(other, looker), type: 'BLOCKEDBY', userId: other, blockerId: looker, createdAt: Date.now() } } },
          blockedContactPut(newContactPut(looker, other, id, find(found, keys.user(other)))),
          contactedByPut(looker, other),
          { ConditionCheck: { TableName: tableName(), Key: keys.friendEdge(looker, other), ConditionExpression: 'attribute_not_exists(pk)' } },
          // Both users' records unchanged since read (the card copied is current): their `rev` as read.
          userRevCheck(find(found, keys.user(looker))), userRevCheck(find(found, keys.user(other))),
        ]);
      },
    },
    {
      route: U.removeFromBlacklist, data: 'a blocked user', pattern: 'TransactWrite (delete block, reverse row, contact relation copy)', runs: 100, expectedRoundTrips: 1,
      prepare: freshTargets('unblk', true),
      request: (i) => ({ as: looker, body: { friendId: targets.h[i]! } }),
      bare: (i) => bare.transact([
        { Delete: { TableName: tableName(), Key: keys.block(looker, targets.b[i]!), ConditionExpression: 'attribute_exists(pk)' } },
        { Delete: { TableName: tableName(), Key: keys.blockedBy(targets.b[i]!, looker) } },
        {
          Update: {
            TableName: tableName(), Key: keys.contact(looker, 'user', targets.b[i]!), UpdateExpression: 'REMOVE blockedByMe, gsi2pk', ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ]),
    },
    {
      route: U.blacklist, data: '50 blocked users', pattern: 'Query BLOCK# (each entry carries the card)', runs: 150, expectedRoundTrips: 1,
      request: () => ({ as: blocker.id }),
      bare: () => bare.queryPrefix(userPk(blocker.id), 'BLOCK#', { ProjectionExpression: 'sk, peer' }),
    },
  ];
}
