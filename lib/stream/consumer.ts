import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../observability.js';
import type { StreamReaction } from './reaction.js';

/** What one batch did: records handed to reactions, applied, failed (and so to be retried), skipped behind a failure. */
export interface BatchOutcome {
  records: number;
  applied: number;
  failed: number;
  /** Records of a key behind that key's failed record: not tried, they come again with the retry. */
  deferred: number;
}

/** The stream position of a record (decimal digits of any length: compared as integers). */
export const sequenceNumberOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '0';

/** Compares two sequence numbers as integers. */
export function compareSequenceNumbers(a: string, b: string): number {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The item a record is about: records of one key run in stream order, other keys side by side. */
function itemKeyOf(record: DynamoDBRecord): string {
  return JSON.stringify(record.dynamodb?.Keys ?? {});
}

/** How many item keys of a batch are worked on at once. */
const KEYS_IN_FLIGHT = 8;

/**
 * Runs one batch of the table's stream through `reactions` (docs/change-stream.md): every record
 * goes to each reaction that wants it; records of one item key run in stream order, different keys
 * side by side. A record whose reaction throws is reported in `batchItemFailures` (Lambda's
 * ReportBatchItemFailures), the records of its key behind it are not tried, and every other record
 * still applies. Only the earliest failure is reported: Lambda (and the local poller) retry from the
 * lowest sequence number reported, so the records after it come again and the reactions, being
 * idempotent, apply them again harmlessly.
 */
export async function consumeStreamBatch(
  reactions: readonly StreamReaction[],
  event: DynamoDBStreamEvent,
): Promise<DynamoDBBatchResponse & { outcome: BatchOutcome }> {
  const byKey = new Map<string, DynamoDBRecord[]>();
  for (const record of event.Records) {
    const key = itemKeyOf(record);
    byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  const outcome: BatchOutcome = { records: event.Records.length, applied: 0, failed: 0, deferred: 0 };
  const failures: DynamoDBRecord[] = [];
  const groups = [...byKey.values()];
  let next = 0;
  const lanes = Array.from({ length: Math.min(KEYS_IN_FLIGHT, groups.length) }, async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      for (const [index, record] of group.entries()) {
        try {
          await applyRecord(reactions, record);
          outcome.applied++;
        } catch (error) {
          logger.error('stream record failed', { sequenceNumber: sequenceNumberOf(record), keys: record.dynamodb?.Keys, error });
          failures.push(record);
          outcome.failed++;
          outcome.deferred += group.length - index - 1;
          break;
        }
      }
    }
  });
  await Promise.all(lanes);
  const earliest = failures.map(sequenceNumberOf).sort(compareSequenceNumbers)[0];
  return { batchItemFailures: earliest === undefined ? [] : [{ itemIdentifier: earliest }], outcome };
}

async function applyRecord(reactions: readonly StreamReaction[], record: DynamoDBRecord): Promise<void> {
  for (const reaction of reactions) {
    if (reaction.wants(record)) await reaction.apply(record);
  }
}

/** Whether any of `reactions` acts on `record`: the local poller drops the others, as the event source mapping's filter does. */
export function anyWants(reactions: readonly StreamReaction[], record: DynamoDBRecord): boolean {
  return reactions.some((reaction) => reaction.wants(record));
}
