import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import type { Key } from './keys.js';

/** Strips the table's key and index attributes from a stored item. */
export function withoutKeys<T>(item: object): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi3pk: _g3, type: _type, ...rest } = item as Record<string, unknown>;
  return rest as T;
}

export async function getItem<T>(key: Key, consistent = false): Promise<T | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: consistent }));
  return out.Item as T | undefined;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; undefined on the last page. */
  next?: Record<string, unknown>;
}

/**
 * One Query page over a partition's sort-key prefix. A `FilterExpression` brings its own
 * `ExpressionAttributeValues` (`:pk` and `:prefix` are taken).
 */
export async function queryPrefix<T>(
  pk: string,
  prefix: string,
  options: Partial<
    Pick<
      QueryCommandInput,
      | 'Limit'
      | 'ExclusiveStartKey'
      | 'ScanIndexForward'
      | 'ProjectionExpression'
      | 'ConsistentRead'
      | 'FilterExpression'
      | 'ExpressionAttributeValues'
    >
  > = {},
): Promise<Page<T>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ...options,
      ExpressionAttributeValues: { ...options.ExpressionAttributeValues, ':pk': pk, ':prefix': prefix },
    }),
  );
  return { items: (out.Items ?? []) as T[], next: out.LastEvaluatedKey };
}

/** Every item under a prefix, one Query per 1 MB page. */
export async function queryAll<T>(pk: string, prefix: string, options: Parameters<typeof queryPrefix>[2] = {}): Promise<T[]> {
  const items: T[] = [];
  let next: Record<string, unknown> | undefined;
  do {
    const page = await queryPrefix<T>(pk, prefix, { ...options, ExclusiveStartKey: next });
    items.push(...page.items);
    next = page.next;
  } while (next);
  return items;
}
