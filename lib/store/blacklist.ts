import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { queryAll } from './items.js';
import { BLOCK_PREFIX, idFromSk, keys, userPk } from './keys.js';

/**
 * Blacklist entries `me → other` (SealTalk blacklist; FeatAPI status 600). Entries are added only
 * together with the relation they change (`store/relations.ts` relationWriteItems); here they are
 * removed and listed.
 */

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
