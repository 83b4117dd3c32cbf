import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { queryAll } from './items.js';
import { BLOCK_PREFIX, idFromSk, keys, userPk } from './keys.js';

/** A blacklist entry `me → other` (SealTalk blacklist; FeatAPI status 600). */
export async function addBlock(meId: string, otherId: string, now: number): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.block(meId, otherId), type: 'BLOCK', userId: meId, blockedId: otherId, createdAt: now } }));
}

/** Deletes the entry `me → other`; true if there was one. */
export async function removeBlock(meId: string, otherId: string): Promise<boolean> {
  const out = await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.block(meId, otherId), ReturnValues: 'ALL_OLD' }));
  return out.Attributes !== undefined;
}

/** Ids I block, in id order (the sort key's): one Query per 1 MB page. */
export async function listBlockedIds(meId: string): Promise<string[]> {
  const items = await queryAll<{ sk: string }>(userPk(meId), BLOCK_PREFIX, { ProjectionExpression: 'sk' });
  return items.map((item) => idFromSk(item.sk, BLOCK_PREFIX));
}
