import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { accountRoutes } from '../../lib/routes/accounts.js';
import { db, tableName } from '../../lib/store/client.js';
import { ACCOUNT_DELETION_SK, keys } from '../../lib/store/keys.js';
import { accountDeletionReaction } from '../../lib/stream/reactions/account-deletion.js';
import { wrapSend } from '../faults/inject.js';
import { callTim } from '../support/tim.js';

/**
 * The table's change stream as the account-deletion reaction sees it, until the stream consumer and
 * its local poller land: the exact `DynamoDBRecord`s Lambda delivers (REMOVE, keys, old image
 * marshalled, NEW_AND_OLD_IMAGES) are built here from the items the code deletes, and handed to the
 * reaction in order. `drain` is the one thing to swap for the real drained stream.
 */

let sequence = 0;

/** The REMOVE record of an item, as the stream carries it. */
export function removeRecord(oldItem: Record<string, unknown>): DynamoDBRecord {
  const image = marshall(oldItem, { removeUndefinedValues: true });
  const sequenceNumber = String(++sequence).padStart(21, '0');
  return {
    eventID: randomUUID().replaceAll('-', ''),
    eventName: 'REMOVE',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: process.env.AWS_REGION ?? 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: marshall({ pk: oldItem.pk, sk: oldItem.sk }) as never,
      OldImage: image as never,
      SequenceNumber: sequenceNumber,
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${tableName()}/stream/2026-01-01T00:00:00.000`,
  };
}

const WRITES = new Set(['PutCommand', 'UpdateCommand', 'DeleteCommand', 'BatchWriteCommand', 'TransactWriteCommand']);

export interface ApplyOptions {
  /** Cut the run off (throw, as a timeout would) once this many writes have gone through. */
  cutAfterWrites?: number;
}

/**
 * Applies one record with the reaction, like one delivery of the stream; returns the REMOVE records
 * its writes produced that the reaction wants (the hand-over of its next page).
 */
export async function applyRecord(record: DynamoDBRecord, options: ApplyOptions = {}): Promise<DynamoDBRecord[]> {
  expect(accountDeletionReaction.wants(record)).toBe(true);
  const written = new Map<string, Record<string, unknown>>();
  const emitted: DynamoDBRecord[] = [];
  let writes = 0;
  await wrapSend(
    async (command, real) => {
      const name = command.constructor.name as string;
      if (WRITES.has(name) && options.cutAfterWrites !== undefined && writes++ >= options.cutAfterWrites) {
        throw Object.assign(new Error('cut off (injected)'), { name: 'TimeoutError', $metadata: {} });
      }
      const out = await real(command);
      const put = command instanceof PutCommand ? command.input.Item : undefined;
      if (put?.sk === ACCOUNT_DELETION_SK) written.set(String(put.pk), put);
      if (command instanceof DeleteCommand && command.input.Key?.sk === ACCOUNT_DELETION_SK) {
        const item = written.get(String(command.input.Key.pk));
        if (item) emitted.push(removeRecord(item));
      }
      return out;
    },
    () => accountDeletionReaction.apply(record),
  );
  return emitted.filter((next) => accountDeletionReaction.wants(next));
}

/** Delivers records until none is left, as the stream does (a failed delivery is retried); returns how many were applied. */
export async function drain(first: readonly DynamoDBRecord[], options: ApplyOptions = {}): Promise<number> {
  const queue = [...first];
  let applied = 0;
  while (queue.length) {
    const record = queue.shift()!;
    if (++applied > 10_000) throw new Error('the clean-up never completes');
    let emitted: DynamoDBRecord[];
    try {
      emitted = await applyRecord(record, options);
    } catch (error) {
      if (options.cutAfterWrites === undefined) throw error;
      // the stream retries the record that failed; this retry runs to its end
      emitted = await applyRecord(record);
    }
    queue.push(...emitted);
  }
  return applied;
}

export async function userRecord(userId: string): Promise<Record<string, unknown> | undefined> {
  return (await db().send(new GetCommand({ TableName: tableName(), Key: keys.user(userId), ConsistentRead: true }))).Item;
}

/**
 * Calls account_delete as the app admin and returns its answer with the REMOVE records of the user
 * records it deleted (captured before the call, as the stream's old image).
 */
export async function deleteAccounts(userIds: readonly string[]): Promise<{ body: any; records: DynamoDBRecord[] }> {
  const before = new Map<string, Record<string, unknown>>();
  for (const id of userIds) {
    const item = await userRecord(id);
    if (item) before.set(id, item);
  }
  const out = await callTim(accountRoutes.deleteAccount, { DeleteItem: userIds.map((UserID) => ({ UserID })) });
  const records: DynamoDBRecord[] = [];
  for (const [id, item] of before) if (!(await userRecord(id))) records.push(removeRecord(item));
  return { body: out.body, records };
}

/** Deletes the accounts and drains their clean-up. */
export async function deleteAndDrain(userIds: readonly string[], options: ApplyOptions = {}): Promise<{ body: any; pages: number }> {
  const { body, records } = await deleteAccounts(userIds);
  return { body, pages: await drain(records, options) };
}

/** True when a value (any attribute, nested, key or value) contains the text. */
export function mentions(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value.includes(text);
  if (value instanceof Set || Array.isArray(value)) return [...value].some((entry) => mentions(entry, text));
  if (value && typeof value === 'object') return Object.entries(value).some(([key, entry]) => key.includes(text) || mentions(entry, text));
  return false;
}
