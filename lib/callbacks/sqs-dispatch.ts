import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { domainEvent } from '../events/catalogue.js';
import { deliverCallback } from './deliver.js';
import { callbackOf, type CallbackTarget } from './tencent.js';

export interface SqsDispatchOptions {
  /** Wait before each retry (ms), by receive count: the n-th failed receive waits `retryDelaysMs[n-1]` (the last one from then on). */
  retryDelaysMs: readonly number[];
  /** Hides a message for `seconds` before SQS offers it again (SQS ChangeMessageVisibility). */
  delayRetry(record: SQSRecord, seconds: number): Promise<void>;
  log(message: string, details: Record<string, unknown>): void;
}

/**
 * The AWS dispatcher's work on one SQS batch (docs/events-and-callbacks.md): each message is an
 * EventBridge event of the bus; its Tencent callback is delivered once per receive. A failed
 * delivery stays on the queue (a batch item failure), hidden for the backoff of its receive count;
 * after the queue's last receive SQS moves it to the dead-letter queue. A message that is not one
 * of our events can never succeed and goes the same way, never silently dropped.
 */
export async function dispatchSqsBatch(
  records: readonly SQSRecord[],
  target: CallbackTarget,
  options: SqsDispatchOptions,
): Promise<SQSBatchResponse> {
  const outcomes = await Promise.all(records.map(async (record) => ({ record, reason: await dispatchOne(record, target) })));
  const failed = outcomes.filter((outcome): outcome is { record: SQSRecord; reason: string } => outcome.reason !== undefined);
  await Promise.all(
    failed.map(async ({ record, reason }) => {
      const receives = Number(record.attributes.ApproximateReceiveCount) || 1;
      const delayMs = options.retryDelaysMs[Math.min(receives, options.retryDelaysMs.length) - 1] ?? 0;
      options.log('callback delivery failed', { messageId: record.messageId, receives, reason, retryInSeconds: Math.ceil(delayMs / 1000) });
      await options.delayRetry(record, Math.ceil(delayMs / 1000));
    }),
  );
  return { batchItemFailures: failed.map(({ record }) => ({ itemIdentifier: record.messageId })) };
}

/** Why the message's delivery failed, or undefined when it is done. */
async function dispatchOne(record: SQSRecord, target: CallbackTarget): Promise<string | undefined> {
  let detail: unknown;
  try {
    detail = (JSON.parse(record.body) as { detail?: unknown }).detail;
  } catch {
    return 'the message is not JSON';
  }
  const event = domainEvent.safeParse(detail);
  if (!event.success) return 'the message is not a contactbook event';
  const callback = callbackOf(event.data);
  if (!callback) return undefined;
  const outcome = await deliverCallback(callback, target);
  return outcome.ok ? undefined : outcome.reason;
}
