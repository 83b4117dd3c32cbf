import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/store/client.js';
import { streamDrained } from './stream.js';

/** Every item of this file's table, read consistently. (A Scan is fine here: test tables are small, and lib/ never scans.) */
export async function scanTable(): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let next: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: next, ConsistentRead: true }));
    items.push(...((out.Items ?? []) as Record<string, any>[]));
    next = out.LastEvaluatedKey;
  } while (next);
  return items;
}

/**
 * Every item of the table once the stream is drained (so no copy is still on its way), sorted: tests
 * compare snapshots to prove that a refused call wrote nothing, not even through the stream.
 */
export async function tableSnapshot(): Promise<string> {
  await streamDrained();
  const items = await scanTable();
  return JSON.stringify(items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort());
}

/** Asserts that `action` leaves the table exactly as it was. */
export async function expectUnchanged(action: () => Promise<unknown>, expectEqual: (a: string, b: string) => void): Promise<void> {
  const before = await tableSnapshot();
  await action();
  expectEqual(await tableSnapshot(), before);
}
