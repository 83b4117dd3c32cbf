import type { SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchSqsBatch } from '../../lib/callbacks/sqs-dispatch.js';
import { EVENT_SOURCE, type DomainEvent } from '../../lib/events/catalogue.js';
import { eventsFromRecord } from '../../lib/events/from-record.js';
import { call } from '../support/call.js';
import { OK_ANSWER, startReceiver, type ReceiverAnswer } from '../support/callback-receiver.js';
import { U, users } from '../support/sealtalk.js';
import { streamRecordsOf } from '../support/stream-records.js';

const receivers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

/** The SQS message the stack's rule makes of a bus event: the EventBridge event as the body. */
function sqsRecord(event: DomainEvent | string, receives: number, messageId = 'm-1'): SQSRecord {
  const body =
    typeof event === 'string'
      ? event
      : JSON.stringify({
          version: '0',
          id: 'eb-1',
          'detail-type': event.type,
          source: EVENT_SOURCE,
          account: '1',
          time: new Date(event.time).toISOString(),
          region: 'us-east-1',
          resources: [],
          detail: event,
        });
  return {
    messageId,
    receiptHandle: `rh-${messageId}-${receives}`,
    body,
    md5OfBody: '',
    eventSource: 'aws:sqs',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:callbacks',
    messageAttributes: {},
    attributes: {
      ApproximateReceiveCount: String(receives),
      SentTimestamp: '0',
      SenderId: 'events',
      ApproximateFirstReceiveTimestamp: '0',
    },
  };
}

async function blockedEvent(a: string, b: string): Promise<DomainEvent> {
  await users(a, b);
  const records = await streamRecordsOf(() => call(U.addToBlacklist, { as: a, body: { friendId: b } }));
  const [event] = records.flatMap((record) => eventsFromRecord(record));
  return event!;
}

async function dispatcher(answer: (n: number) => ReceiverAnswer) {
  const receiver = await startReceiver(answer);
  receivers.push(receiver);
  const delays: Array<[string, number]> = [];
  const run = (records: SQSRecord[]) =>
    dispatchSqsBatch(
      records,
      { url: receiver.url, sdkAppId: 1400000000, token: 't', timeoutMs: 2000 },
      {
        retryDelaysMs: [10_000, 20_000, 40_000],
        delayRetry: async (record, seconds) => void delays.push([record.receiptHandle, seconds]),
        log: () => {},
      },
    );
  return { receiver, delays, run };
}

describe('the AWS dispatcher on an SQS batch', () => {
  it('a delivered callback is done: no batch item failure, no retry', async () => {
    const { receiver, delays, run } = await dispatcher(() => OK_ANSWER);
    const event = await blockedEvent('sq-a1', 'sq-b1');
    expect(await run([sqsRecord(event, 1)])).toEqual({ batchItemFailures: [] });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.body).toEqual({
      CallbackCommand: 'Sns.CallbackBlackListAdd',
      PairList: [{ From_Account: 'sq-a1', To_Account: 'sq-b1' }],
      EventTime: event.time,
    });
    expect(delays).toEqual([]);
  });

  it('a failed delivery stays on the queue, hidden for the backoff of its receive count; the retry sends the identical body', async () => {
    const { receiver, delays, run } = await dispatcher((n) => (n <= 2 ? { status: 503, body: {} } : OK_ANSWER));
    const event = await blockedEvent('sq-a2', 'sq-b2');
    expect(await run([sqsRecord(event, 1)])).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(await run([sqsRecord(event, 2)])).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(await run([sqsRecord(event, 3)])).toEqual({ batchItemFailures: [] });
    expect(delays).toEqual([
      ['rh-m-1-1', 10],
      ['rh-m-1-2', 20],
    ]);
    expect(new Set(receiver.received.map((got) => got.raw)).size).toBe(1);
  });

  it('a message that is not one of our events fails (and so reaches the dead-letter queue), while the rest of the batch is delivered', async () => {
    const { receiver, run } = await dispatcher(() => OK_ANSWER);
    const event = await blockedEvent('sq-a3', 'sq-b3');
    const out = await run([
      sqsRecord('not json', 1, 'bad-1'),
      sqsRecord(JSON.stringify({ detail: { type: 'Nope' } }), 1, 'bad-2'),
      sqsRecord(event, 1, 'good'),
    ]);
    expect(out.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(['bad-1', 'bad-2']);
    expect(receiver.received).toHaveLength(1);
  });
});
