import { peerCard, type PeerCard, type User } from '../domain/user.js';
import { tableName } from './client.js';
import { queryAll } from './items.js';
import { BLOCK_PREFIX, idFromSk, keys, userPk } from './keys.js';
import type { TransactItem } from './transact.js';

/**
 * Blacklist entries `me → other` (SealTalk blacklist; FeatAPI status 600). Each entry carries the
 * other's card (`peer`), so the list is one Query, and has a reverse row `USER#<other>/BLOCKEDBY#<me>`
 * through which other's profile change refreshes that card (`store/users.ts` refreshPeerCards).
 * Entry and reverse row are only ever written and deleted together, by the items built here; the
 * blocker's contact of the other copies the entry (`blockedByMe`, GSI2) in the same transaction
 * (`store/contact-relation.ts`, added by every caller).
 * Entries are added and removed only by the relation repository (`store/relations.ts`), which
 * builds its transactions from the items here.
 */

/** Transaction items adding my entry for `other` (absent when read) with their card, and its reverse row. */
export function blockPutItems(me: User, other: User, now: number): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName(),
        ConditionExpression: 'attribute_not_exists(pk)',
        Item: { ...keys.block(me.id, other.id), type: 'BLOCK', userId: me.id, blockedId: other.id, peer: peerCard(other), createdAt: now },
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.blockedBy(other.id, me.id), type: 'BLOCKEDBY', userId: other.id, blockerId: me.id, createdAt: now },
      },
    },
  ];
}

/** Transaction items deleting my entry for `other` and its reverse row; `mustExist` conditions the entry's Delete on its presence. */
export function blockDeleteItems(meId: string, otherId: string, mustExist = false): TransactItem[] {
  return [
    {
      Delete: {
        TableName: tableName(),
        Key: keys.block(meId, otherId),
        ...(mustExist ? { ConditionExpression: 'attribute_exists(pk)' } : {}),
      },
    },
    { Delete: { TableName: tableName(), Key: keys.blockedBy(otherId, meId) } },
  ];
}

/** My entries with the card each carries, in id order: one Query per 1 MB page. */
export async function listBlocked(meId: string): Promise<Array<{ id: string; peer: PeerCard }>> {
  const items = await queryAll<{ sk: string; peer: PeerCard }>(userPk(meId), BLOCK_PREFIX, { ProjectionExpression: 'sk, peer' });
  return items.map((item) => ({ id: idFromSk(item.sk, BLOCK_PREFIX), peer: item.peer }));
}
