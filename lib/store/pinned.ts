/**
 * A user's pinned Tencent conversations (SPEC §7 `top`): ONE small item per user holding the whole
 * set, so `get_list` reads it with one key and the 50 limit is a condition on one item.
 *
 *   pk USER#<owner>   sk PINNED                                       (keys.pinnedConversations)
 *   type 'PINNED', ownerId,
 *   pinned   String Set of conversation slots `U#<userId>` / `G#<groupId>` (absent when none)
 *
 * Pinning is one UpdateItem (`ADD pinned`) conditioned on the set's size leaving room and on none
 * of the new slots being there yet, so concurrent pins can never take the set past the limit;
 * a lost condition re-reads and decides again. Which conversations are pinned lives only here
 * (contact records carry no pin flag), so a pin never races a contact write.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConversationRuleError } from '../errors.js';
import { db, tableName } from './client.js';
import { getItem } from './items.js';
import { keys } from './keys.js';
import { isConditionFailure, withOptimisticRetry, type TransactItem } from './transact.js';

export interface PinnedItem {
  pk: string;
  sk: string;
  type: 'PINNED';
  ownerId: string;
  pinned?: Set<string>;
}

/** The slots of a stored pinned item (none when it is missing). */
export const slotsOf = (item: PinnedItem | undefined): Set<string> => new Set(item?.pinned ?? []);

export async function getPinnedSlots(ownerId: string, consistent = false): Promise<Set<string>> {
  return slotsOf(await getItem<PinnedItem>(keys.pinnedConversations(ownerId), consistent));
}

/**
 * Pins conversations; those pinned already stay as they are. Throws 51012 when the set would
 * hold more than `max`. Reads the set (consistent), then one conditional UpdateItem; a write
 * that lost to a concurrent one is decided again on fresh state.
 */
export async function pinConversations(ownerId: string, slots: readonly string[], max: number): Promise<void> {
  await withOptimisticRetry(async () => {
    const current = await getPinnedSlots(ownerId, true);
    const fresh = [...new Set(slots)].filter((slot) => !current.has(slot));
    if (!fresh.length) return;
    if (current.size + fresh.length > max) {
      throw new ConversationRuleError(51012, `At most ${max} conversations can be pinned; ${current.size} are pinned already.`);
    }
    const values: Record<string, unknown> = { ':fresh': new Set(fresh), ':room': max - fresh.length, ':type': 'PINNED', ':owner': ownerId };
    const absent = fresh.map((slot, i) => {
      values[`:f${i}`] = slot;
      return `NOT contains(pinned, :f${i})`;
    });
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.pinnedConversations(ownerId),
        UpdateExpression: 'ADD pinned :fresh SET #type = :type, ownerId = :owner',
        ConditionExpression: `(attribute_not_exists(pinned) OR size(pinned) <= :room) AND ${absent.join(' AND ')}`,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: values,
      }),
    );
  });
}

/** Unpins conversations (those not pinned are skipped): one UpdateItem, never making an item. */
export async function unpinConversations(ownerId: string, slots: readonly string[]): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.pinnedConversations(ownerId),
        UpdateExpression: 'DELETE pinned :slots',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':slots': new Set(slots) },
      }),
    );
  } catch (error) {
    // no pinned item: nothing is pinned, so there is nothing to unpin
    if (!isConditionFailure(error)) throw error;
  }
}

/** Transaction item that unpins one conversation read as pinned (conditioned on it still being so). */
export function unpinItem(ownerId: string, slot: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.pinnedConversations(ownerId),
      UpdateExpression: 'DELETE pinned :slots',
      ConditionExpression: 'contains(pinned, :slot)',
      ExpressionAttributeValues: { ':slots': new Set([slot]), ':slot': slot },
    },
  };
}
