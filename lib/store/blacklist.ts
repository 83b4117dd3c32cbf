import { peerCard, type PeerCard, type User } from '../domain/user.js';
import { tableName } from './client.js';
import { queryAll } from './items.js';
import { BLOCK_PREFIX, idFromSk, keys, userPk } from './keys.js';
import { cancellationCodes, transactWrite, withOptimisticRetry, type TransactItem } from './transact.js';

/**
 * Blacklist entries `me → other` (SealTalk blacklist; FeatAPI status 600). Each entry carries the
 * other's card (`peer`), so the list is one Query, and has a reverse row `USER#<other>/BLOCKEDBY#<me>`
 * through which other's profile change refreshes that card (`store/users.ts` refreshPeerCards).
 * Entry and reverse row are only ever written and deleted together, by the items built here.
 * Entries are added only together with the relation they change (`store/relations.ts`
 * relationWriteItems); they are removed there, by SealTalk pair writes, and by `removeBlock`.
 */

/** Transaction items adding my entry for `other` (absent when read) with their card, and its reverse row. */
export function blockPutItems(me: User, other: User, now: number): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName(), ConditionExpression: 'attribute_not_exists(pk)',
        Item: { ...keys.block(me.id, other.id), type: 'BLOCK', userId: me.id, blockedId: other.id, peer: peerCard(other), createdAt: now },
      },
    },
    { Put: { TableName: tableName(), Item: { ...keys.blockedBy(other.id, me.id), type: 'BLOCKEDBY', userId: other.id, blockerId: me.id, createdAt: now } } },
  ];
}

/** Transaction items deleting my entry for `other` and its reverse row; `mustExist` conditions the entry's Delete on its presence. */
export function blockDeleteItems(meId: string, otherId: string, mustExist = false): TransactItem[] {
  return [
    { Delete: { TableName: tableName(), Key: keys.block(meId, otherId), ...(mustExist ? { ConditionExpression: 'attribute_exists(pk)' } : {}) } },
    { Delete: { TableName: tableName(), Key: keys.blockedBy(otherId, meId) } },
  ];
}

/** Deletes the entry `me → other` with its reverse row (one transaction); true if there was one. */
export async function removeBlock(meId: string, otherId: string): Promise<boolean> {
  return withOptimisticRetry(async () => {
    try {
      await transactWrite(blockDeleteItems(meId, otherId, true));
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  });
}

/** Ids I block, in id order (the sort key's): one Query per 1 MB page. */
export async function listBlockedIds(meId: string): Promise<string[]> {
  const items = await queryAll<{ sk: string }>(userPk(meId), BLOCK_PREFIX, { ProjectionExpression: 'sk' });
  return items.map((item) => idFromSk(item.sk, BLOCK_PREFIX));
}

/** My entries with the card each carries, in id order: one Query per 1 MB page. `peer` is absent only on entries written before entries carried cards. */
export async function listBlocked(meId: string): Promise<Array<{ id: string; peer?: PeerCard }>> {
  const items = await queryAll<{ sk: string; peer?: PeerCard }>(userPk(meId), BLOCK_PREFIX, { ProjectionExpression: 'sk, peer' });
  return items.map((item) => ({ id: idFromSk(item.sk, BLOCK_PREFIX), peer: item.peer }));
}
