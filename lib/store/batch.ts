import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import type { Key } from './keys.js';
import { backoff } from './retry.js';

const GET_LIMIT = 100;
const WRITE_LIMIT = 25;
const MAX_ROUNDS = 8;

const keyId = (key: Key) => `${key.pk}\u0000${key.sk}`;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reads many items in one parallel wave of BatchGetItem calls (≤100 keys each), retrying
 * `UnprocessedKeys` with backoff. Returns the items found, keyed by `pk\0sk`.
 */
export async function batchGet<T>(keys: readonly Key[], options: { consistent?: boolean } = {}): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  const unique = [...new Map(keys.map((key) => [keyId(key), { pk: key.pk, sk: key.sk }])).values()];
  await Promise.all(
    chunks(unique, GET_LIMIT).map(async (chunk) => {
      let pending: Key[] = chunk;
      for (let round = 0; pending.length; round++) {
        if (round === MAX_ROUNDS) throw new Error('BatchGetItem left keys unprocessed after retries');
        if (round) await backoff(round, 20, 1000);
        const out = await db().send(
          new BatchGetCommand({
            RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: options.consistent ?? false } },
          }),
        );
        for (const item of out.Responses?.[tableName()] ?? []) found.set(keyId(item as Key), item as T);
        pending = (out.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
      }
    }),
  );
  return found;
}

export function getFrom<T>(found: Map<string, T>, key: Key): T | undefined {
  return found.get(keyId(key));
}

/** Deletes many items with BatchWriteItem (≤25 a call), retrying `UnprocessedItems`. Not atomic. */
export async function deleteItems(keys: readonly Key[]): Promise<void> {
  await Promise.all(
    chunks(keys, WRITE_LIMIT).map(async (chunk) => {
      let pending = chunk.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
      for (let round = 0; pending.length; round++) {
        if (round === MAX_ROUNDS) throw new Error('BatchWriteItem left items unprocessed after retries');
        if (round) await backoff(round, 20, 1000);
        const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
        pending = (out.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
      }
    }),
  );
}

export { chunks };
