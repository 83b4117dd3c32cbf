import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

/** Counter names of numeric record ids. */
export const COUNTERS = {
  /** FeatAPI contact ids. */
  featContact: 'featapi-contact',
  /** FeatAPI chat group ids. */
  featGroup: 'featapi-group',
} as const;

/**
 * Allocates `count` fresh positive ids from a counter with one atomic `ADD` (ids are never handed
 * out twice, whatever the concurrency). An id whose record is then not written (a lost
 * transaction) is simply skipped: ids are unique and increasing, not gap-free.
 */
export async function allocateIds(counter: string, count: number): Promise<number[]> {
  if (count <= 0) return [];
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.counter(counter),
      UpdateExpression: 'SET #type = :type ADD #value :n',
      ExpressionAttributeNames: { '#type': 'type', '#value': 'value' },
      ExpressionAttributeValues: { ':type': 'COUNTER', ':n': count },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const last = Number(out.Attributes?.value);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

/** Fresh FeatAPI contact ids, one per contact a write creates (one counter `ADD`; none when `count` is 0). */
export const allocateContactIds = (count: number) => allocateIds(COUNTERS.featContact, count);
