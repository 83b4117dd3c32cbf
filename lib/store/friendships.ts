import { revisionAfter, type FriendEdge } from '../domain/friendship.js';
import { friendPhoneWrite } from './friend-phones.js';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { getItem, queryAll, withoutKeys } from './items.js';
import { FRIEND_PREFIX, keys, userPk, type Key } from './keys.js';
import type { TransactItem } from './transact.js';

type EdgeItem = FriendEdge & Key & { type: 'FRIEND' };

const edgeKey = (edge: Pick<FriendEdge, 'userId' | 'friendId'>) => keys.friendEdge(edge.userId, edge.friendId);

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
  const { edgePut, phoneRow } = edgeWrite(edge, read);
  return [edgePut, ...(phoneRow ? [phoneRow] : [])];
}

/** `putEdge`'s two writes by name, for a caller that places them apart (batch_delete's edges come first). */
export function edgeWrite(edge: FriendEdge, read: FriendEdge | undefined): { edgePut: TransactItem; phoneRow?: TransactItem } {
  const phoneRow = friendPhoneWrite(edge, read, revisionAfter(read));
  return { edgePut: edgePut(edge, read), ...(phoneRow ? { phoneRow } : {}) };
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
