import { revisionAfter, type FriendEdge, type PairState, type PairWrite } from '../domain/friendship.js';
import type { User } from '../domain/user.js';
import { UnknownUserError } from '../errors.js';
import { batchGet, getFrom } from './batch.js';
import { blockDeleteItems } from './blacklist.js';
import { withoutRedundantChecks } from './contact-relation.js';
import { friendPhoneWrite } from './friend-phones.js';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { getItem, queryAll, withoutKeys } from './items.js';
import { FRIEND_PREFIX, keys, userPk, type Key } from './keys.js';
import { transactWrite, type TransactItem } from './transact.js';
import { userUnchanged } from './users.js';

type EdgeItem = FriendEdge & Key & { type: 'FRIEND' };

const edgeKey = (edge: Pick<FriendEdge, 'userId' | 'friendId'>) => keys.friendEdge(edge.userId, edge.friendId);

/**
 * Everything a pair decision needs, in one consistent BatchGetItem round trip:
 * both users, both edges, and whether the friend blocks me.
 */
export async function readPair(meId: string, friendId: string): Promise<PairState> {
  const wanted = [keys.user(meId), keys.user(friendId), keys.friendEdge(meId, friendId), keys.friendEdge(friendId, meId), keys.block(friendId, meId)];
  const found = await batchGet<Record<string, unknown>>(wanted, { consistent: true });
  const me = getFrom(found, keys.user(meId));
  const friend = getFrom(found, keys.user(friendId));
  if (!me) throw new UnknownUserError(meId);
  if (!friend) throw new UnknownUserError(friendId);
  const mine = getFrom(found, keys.friendEdge(meId, friendId));
  const theirs = getFrom(found, keys.friendEdge(friendId, meId));
  return {
    me: withoutKeys<User>(me),
    friend: withoutKeys<User>(friend),
    mine: mine && withoutKeys<FriendEdge>(mine),
    theirs: theirs && withoutKeys<FriendEdge>(theirs),
    blockedByFriend: getFrom(found, keys.block(friendId, meId)) !== undefined,
  };
}

/** A whole-edge Put conditioned on the revision that was read (or on absence), bumping it. */
function edgePut(edge: FriendEdge, read: Pick<FriendEdge, 'rev'> | undefined): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...edgeKey(edge), type: 'FRIEND', ...edge, rev: revisionAfter(read) } satisfies EdgeItem,
      ...(read === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': read.rev } }),
    },
  };
}

/**
 * Every write of an edge over the one read (undefined: none), for one transaction: first the edge
 * Put (conditioned on the read revision, bumping it), then — when the write moves the edge into or
 * out of agreed — the write of my friend-by-phone row (`store/friend-phones.ts`). The only builder
 * of edge writes, so no caller can leave the row behind.
 */
export function putEdge(edge: FriendEdge, read: FriendEdge | undefined): TransactItem[] {
  const phoneRow = friendPhoneWrite(edge, read, revisionAfter(read));
  return [edgePut(edge, read), ...(phoneRow ? [phoneRow] : [])];
}

/** The transaction items of a pair decision: both edges, the blacklist state it relied on. */
export function pairWriteItems(state: PairState, write: PairWrite): TransactItem[] {
  const items: TransactItem[] = [];
  if (write.mine) items.push(...putEdge(write.mine, state.mine));
  if (write.theirs) items.push(...putEdge(write.theirs, state.theirs));
  const theirBlock = keys.block(state.friend.id, state.me.id);
  if (write.unblock) {
    items.push(...blockDeleteItems(state.friend.id, state.me.id), ...blockDeleteItems(state.me.id, state.friend.id));
  } else if (items.length) {
    // The decision assumed the friend does not block me: hold it to that.
    items.push({ ConditionCheck: { TableName: tableName(), Key: theirBlock, ConditionExpression: 'attribute_not_exists(pk)' } });
  }
  // The edges (and contacts) carry both users' cards as read, and the decision read friVerify.
  if (items.length) items.push(userUnchanged(state.me), userUnchanged(state.friend));
  return items;
}

export async function writePair(state: PairState, write: PairWrite, extra: TransactItem[] = []): Promise<void> {
  const items = pairWriteItems(state, write);
  if (items.length) await transactWrite(withoutRedundantChecks([...items, ...extra]));
}

export async function getEdge(meId: string, friendId: string, consistent = true): Promise<FriendEdge | undefined> {
  const item = await getItem<EdgeItem>(keys.friendEdge(meId, friendId), consistent);
  return item && withoutKeys<FriendEdge>(item);
}

/**
 * Changes the notes of one edge of mine (never its status, so no other row follows it), conditioned
 * on the revision read: a plain conditional Put (half a transaction's cost).
 */
export async function writeEdge(edge: FriendEdge, read: FriendEdge): Promise<void> {
  if (edge.status !== read.status) throw new Error('writeEdge changes notes only; a status change goes through putEdge');
  await db().send(new PutCommand(edgePut(edge, read).Put!));
}

/** All my edges: one Query per 1 MB page, each edge carrying the friend's card. */
export async function listEdges(meId: string): Promise<FriendEdge[]> {
  const items = await queryAll<EdgeItem>(userPk(meId), FRIEND_PREFIX);
  return items.map((item) => withoutKeys<FriendEdge>(item));
}

/** My edges to the given friends, in one wave. */
export async function getEdges(meId: string, friendIds: readonly string[], consistent = false): Promise<Map<string, FriendEdge>> {
  const found = await batchGet<EdgeItem>(friendIds.map((id) => keys.friendEdge(meId, id)), { consistent });
  const edges = new Map<string, FriendEdge>();
  for (const id of friendIds) {
    const item = getFrom(found, keys.friendEdge(meId, id));
    if (item) edges.set(id, withoutKeys<FriendEdge>(item));
  }
  return edges;
}
