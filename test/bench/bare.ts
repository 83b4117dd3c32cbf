import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/store/client.js';
import type { Key } from '../../lib/store/keys.js';

/**
 * The bare SDK calls an access pattern needs, with no code of ours around them: the baseline that
 * the handler is compared with. Same document client (so the same connection pool and meter).
 */
export const bare = {
  get: (key: Key, consistent = false) => db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: consistent })),

  /** One BatchGetItem per 100 keys, in parallel (one round trip). */
  batchGet: async (keys: readonly Key[], consistent = false) => {
    const items: Record<string, unknown>[] = [];
    const chunks = [];
    for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
    await Promise.all(
      chunks.map(async (chunk) => {
        const out = await db().send(
          new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: chunk as Key[], ConsistentRead: consistent } } }),
        );
        items.push(...((out.Responses?.[tableName()] ?? []) as Record<string, unknown>[]));
      }),
    );
    return items;
  },

  /** Every page of a Query over a sort-key prefix. */
  queryPrefix: async (pk: string, prefix: string, extra: Partial<QueryCommandInput> = {}) => {
    const items: Record<string, unknown>[] = [];
    let next: Record<string, unknown> | undefined;
    do {
      const out = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': prefix },
          ExclusiveStartKey: next,
          ...extra,
        }),
      );
      items.push(...((out.Items ?? []) as Record<string, unknown>[]));
      next = out.LastEvaluatedKey;
    } while (next);
    return items;
  },

  query: (input: Omit<QueryCommandInput, 'TableName'>) => db().send(new QueryCommand({ TableName: tableName(), ...input })),
  put: (
    item: Record<string, unknown>,
    condition?: Pick<UpdateCommandInput, 'ConditionExpression' | 'ExpressionAttributeValues' | 'ExpressionAttributeNames'>,
  ) => db().send(new PutCommand({ TableName: tableName(), Item: item, ...condition })),
  update: (input: Omit<UpdateCommandInput, 'TableName'>) => db().send(new UpdateCommand({ TableName: tableName(), ...input })),
  delete: (key: Key) => db().send(new DeleteCommand({ TableName: tableName(), Key: key })),
  transact: (items: NonNullable<TransactWriteCommandInput['TransactItems']>) =>
    db().send(new TransactWriteCommand({ TransactItems: items })),
};

/** Runs `work` over items with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}
