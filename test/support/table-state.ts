import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/store/client.js';

/**
 * Every item of this file's table, sorted: tests compare snapshots to prove that a refused call
 * wrote nothing. (A Scan is fine here: test tables are small, and lib/ never scans.)
 */
export async function tableSnapshot(): Promise<string> {
  const items: Record<string, unknown>[] = [];
  let next: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: next, ConsistentRead: true }));
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    next = out.LastEvaluatedKey;
  } while (next);
  return JSON.stringify(items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort());
}

/** Asserts that `action` leaves the table exactly as it was. */
export async function expectUnchanged(action: () => Promise<unknown>, expectEqual: (a: string, b: string) => void): Promise<void> {
  const before = await tableSnapshot();
  await action();
  expectEqual(await tableSnapshot(), before);
}
