/**
 * Idempotency of activity ingestion: one marker item per message chunk, written in the same
 * transaction as the contact updates it stands for (`INGEST#<messageId>/CHUNK#<n>`), and for a
 * group too large for one transaction, the member chunks fixed on first delivery
 * (`INGEST#<messageId>/PLAN`), so that a retried delivery splits the same way.
 * Items carry `expiresAt` (epoch seconds) for a table TTL.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, chunks, getFrom } from './batch.js';
import { db, tableName } from './client.js';
import { getItem } from './items.js';
import { keys } from './keys.js';
import { contactTouchItems, type ContactTouch } from './contacts.js';
import { cancellationCodes, isConditionFailure, TRANSACTION_MAX_ITEMS, transactWrite, type TransactItem } from './transact.js';

/** Touches per transaction: 99 contact writes + the chunk's idempotency marker = 100 items. */
const CHUNK = TRANSACTION_MAX_ITEMS - 1;

/** A group's members in chunks of one transaction each. */
export const memberChunks = (memberIds: readonly string[]) => chunks(memberIds, CHUNK);

/** How long a message id is remembered. */
const REMEMBER_S = 30 * 24 * 60 * 60;
const expiresAt = (now: number) => Math.floor(now / 1000) + REMEMBER_S;

export interface ChunkMarker {
  /** How many chunks the message has (1 for a direct message or a small group). */
  chunks: number;
}

export function markerPutItem(messageId: string, chunk: number, chunks: number, now: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.ingestChunk(messageId, chunk), type: 'INGEST', messageId, chunk, chunks, createdAt: now, expiresAt: expiresAt(now) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Records one chunk of a delivered message: its marker and the contact touches, in one transaction
 * (missing contacts created with `contactIds`). False when the marker shows the chunk was recorded before.
 */
export async function recordChunk(
  messageId: string,
  chunk: number,
  chunks: number,
  touches: readonly ContactTouch[],
  contactIds: readonly number[],
  now: number,
): Promise<boolean> {
  try {
    await transactWrite([markerPutItem(messageId, chunk, chunks, now), ...contactTouchItems(touches, now, contactIds)]);
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/** Which of the message's chunk markers exist (consistent). */
export async function markersOf(messageId: string, chunks: readonly number[]): Promise<Map<number, ChunkMarker>> {
  const wanted = chunks.map((chunk) => keys.ingestChunk(messageId, chunk));
  const found = await batchGet<ChunkMarker & { pk: string; sk: string }>(wanted, { consistent: true });
  const out = new Map<number, ChunkMarker>();
  for (const chunk of chunks) {
    const marker = getFrom(found, keys.ingestChunk(messageId, chunk));
    if (marker) out.set(chunk, { chunks: marker.chunks });
  }
  return out;
}

export async function getPlan(messageId: string): Promise<string[][] | undefined> {
  const item = await getItem<{ chunks: string[][] }>(keys.ingestPlan(messageId), true);
  return item?.chunks;
}

/** Fixes the member chunks of a message: the first delivery's plan wins. */
export async function fixPlan(messageId: string, chunks: string[][], now: number): Promise<string[][]> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.ingestPlan(messageId), type: 'INGEST_PLAN', messageId, chunks, createdAt: now, expiresAt: expiresAt(now) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return chunks;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await getPlan(messageId))!;
  }
}
