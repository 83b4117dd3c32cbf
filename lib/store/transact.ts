import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from './client.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The most items one TransactWriteItems takes. */
export const TRANSACTION_MAX_ITEMS = 100;

/** Codes of a cancelled transaction, one per item (`None`, `ConditionalCheckFailed`, `TransactionConflict`, …). */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * Awaits a guarded write whose failed condition means there is nothing to do (a newer copy is there
 * already, or the item is gone); any other error still throws.
 */
export async function unlessConditionFails(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** A write that lost to a concurrent one: re-reading and deciding again is safe. */
export function isLostRace(error: unknown): boolean {
  if (isConditionFailure(error)) return true;
  // a plain write to an item that a transaction holds at that moment (the SDK does not retry it)
  if (error instanceof Error && error.name === 'TransactionConflictException') return true;
  const codes = cancellationCodes(error);
  return codes !== undefined && codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict');
}

export async function transactWrite(items: TransactItem[]): Promise<void> {
  if (items.length === 0) return;
  await db().send(new TransactWriteCommand({ TransactItems: items }));
}

/**
 * `transactWrite`, except that a single write goes as a plain conditional write (half the write
 * units of a one-item transaction; a lost condition is then ConditionalCheckFailedException).
 */
export async function writeAtomically(items: TransactItem[]): Promise<void> {
  if (items.length !== 1) return transactWrite(items);
  const [item] = items as [TransactItem];
  if (item.Put) await db().send(new PutCommand(item.Put));
  else if (item.Delete) await db().send(new DeleteCommand(item.Delete));
  else if (item.Update) await db().send(new UpdateCommand(item.Update));
  else throw new Error('a lone ConditionCheck writes nothing');
}
