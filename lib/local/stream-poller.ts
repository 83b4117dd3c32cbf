import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { compareSequenceNumbers, sequenceNumberOf } from '../stream/consumer.js';
import { STREAM_CONSUMER } from '../stream/settings.js';
import { memoryCheckpoints, type StreamCheckpoints } from './stream-checkpoints.js';
import { appendDeadLetter } from './stream-dead-letters.js';
import { lambdaRecordOf, streamEventOf } from './stream-event.js';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export interface StreamPollerOptions {
  /** DynamoDB Local's endpoint and the table whose stream is read. */
  endpoint: string;
  region: string;
  tableName: string;
  /** The consumer, as Lambda invokes it. */
  handler: StreamHandler;
  /** The event source mapping's filter: records it refuses are passed over, as Lambda drops them. */
  wants: (record: DynamoDBRecord) => boolean;
  /** Where a batch that used up its retries is written (JSON lines, `stream-dead-letters.ts`). */
  deadLetterFile: string;
  /** @default in memory: a new poller starts at the stream's oldest record (or its newest: `startAt`) */
  checkpoints?: StreamCheckpoints;
  /** Where a shard without a checkpoint is read from: its oldest record, or only what comes after the start. @default 'oldest' */
  startAt?: 'oldest' | 'latest';
  /** @default STREAM_CONSUMER.batchSize */
  batchSize?: number;
  /** @default STREAM_CONSUMER.retryAttempts */
  retryAttempts?: number;
  /** Pause before retry `n` (from 1). @default 100 ms × 2^(n−1) */
  retryDelayMs?: (retry: number) => number;
  /** Pause between reads while the stream has nothing new. @default 100 ms */
  idleMs?: number;
  /** One line per processed batch. @default console.log */
  log?: (line: string) => void;
}

export interface StreamPoller {
  readonly streamArn: string;
  /** Resolves once every record written before the call has been processed (a read started after it found nothing new). */
  drained(): Promise<void>;
  /** Stops after the batch in hand; resolves when the poller is idle. */
  stop(): Promise<void>;
  /** Stops at once, as a killed process would: the batch in hand is neither finished nor checkpointed. */
  abandon(): void;
}

const DEFAULT_IDLE_MS = 100;

/**
 * Invokes the consumer on `records` as Lambda does, and reads its answer as Lambda does: `from` is
 * the index of the first record to deliver again (the lowest reported failure; 0 when the handler
 * threw; the batch's length when all applied), `error` why.
 */
export async function invokeConsumer(handler: StreamHandler, records: DynamoDBRecord[]): Promise<{ from: number; error?: string }> {
  try {
    const { batchItemFailures } = await handler(streamEventOf(records));
    const failed = batchItemFailures.map((failure) => failure.itemIdentifier).sort(compareSequenceNumbers)[0];
    if (failed === undefined) return { from: records.length };
    const from = records.findIndex((record) => sequenceNumberOf(record) === failed);
    return { from: Math.max(0, from), error: `record ${failed} reported failed` };
  } catch (error) {
    return { from: 0, error: String((error as Error).stack ?? error) };
  }
}

/**
 * Plays Lambda's event source mapping on DynamoDB Local's stream (docs/change-stream.md): reads each
 * shard in order from its checkpoint, drops the records the filter refuses, hands batches of at most
 * `batchSize` to the same consumer handler Lambda runs, and acts on its answer as Lambda does: the
 * records before the reported failure are done; the rest is split in two (bisect on error) and
 * retried; a batch of one record that fails `retryAttempts` more times is written to the dead-letter
 * file and passed. The checkpoint moves only past finished records, so a poller started again after
 * a kill delivers the unfinished batch again.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const table = new DynamoDBClient({ endpoint: options.endpoint, region: options.region, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: options.region, credentials });
  const described = await table.send(new DescribeTableCommand({ TableName: options.tableName }));
  table.destroy();
  const latestArn = described.Table?.LatestStreamArn;
  if (!latestArn) throw new Error(`table ${options.tableName} has no stream (createTableIfMissing gives it one)`);
  const streamArn: string = latestArn;

  const checkpoints = options.checkpoints ?? memoryCheckpoints();
  const batchSize = options.batchSize ?? STREAM_CONSUMER.batchSize;
  const retryAttempts = options.retryAttempts ?? STREAM_CONSUMER.retryAttempts;
  const retryDelayMs = options.retryDelayMs ?? ((retry: number) => 100 * 2 ** (retry - 1));
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const iterators = new Map<string, string>();
  const finishedShards = new Set<string>();
  let running = true;
  let abandoned = false;
  /** Callers of `drained()` waiting for an empty read that starts after their call. */
  let waiting: Array<() => void> = [];
  let wake: (() => void) | undefined;

  const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
  /** The pause between empty reads, cut short by `drained()` and `stop()`. */
  const idle = () =>
    new Promise<void>((done) => {
      const timer = setTimeout(done, idleMs);
      wake = () => {
        clearTimeout(timer);
        done();
      };
    });

  async function iteratorOf(shardId: string): Promise<string | undefined> {
    const known = iterators.get(shardId);
    if (known) return known;
    const after = checkpoints.get(shardId);
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: options.startAt === 'latest' ? 'LATEST' : 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator;
  }

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let from: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(from ? { ExclusiveStartShardId: from } : {}) }));
      shards.push(...(out.StreamDescription?.Shards ?? []));
      from = out.StreamDescription?.LastEvaluatedShardId;
    } while (from);
    return shards;
  }

  /** Delivers `records` as Lambda does with bisect on error and bounded retries; resolves when each is applied or dead-lettered. */
  async function deliver(shardId: string, records: DynamoDBRecord[], retriesLeft = retryAttempts, attempts = 0): Promise<void> {
    let pending = records;
    while (pending.length && !abandoned) {
      const started = performance.now();
      const { from, error } = await invokeConsumer(options.handler, pending);
      if (abandoned) return;
      attempts++;
      log(
        `stream ${options.tableName}: ${pending.length} records, ${from} applied${error ? `, retry from ${sequenceNumberOf(pending[from]!)}` : ''} in ${(performance.now() - started).toFixed(1)}ms`,
      );
      if (error === undefined) return;
      pending = pending.slice(from);
      if (pending.length > 1) {
        const half = Math.ceil(pending.length / 2);
        await deliver(shardId, pending.slice(0, half), retriesLeft, attempts);
        await deliver(shardId, pending.slice(half), retriesLeft, attempts);
        return;
      }
      if (retriesLeft === 0) {
        appendDeadLetter(options.deadLetterFile, {
          failedAt: new Date().toISOString(),
          tableName: options.tableName,
          streamArn,
          shardId,
          firstSequenceNumber: sequenceNumberOf(pending[0]!),
          lastSequenceNumber: sequenceNumberOf(pending.at(-1)!),
          attempts,
          error,
          records: pending,
        });
        log(
          `stream ${options.tableName}: record ${sequenceNumberOf(pending[0]!)} failed ${attempts} times, written to ${options.deadLetterFile}`,
        );
        return;
      }
      await pause(retryDelayMs(retryAttempts - retriesLeft + 1));
      retriesLeft--;
    }
  }

  /** One read of every open shard (parents before children); the number of records read. */
  async function pass(): Promise<number> {
    const shards = await listShards();
    const known = new Set(shards.map((shard) => shard.ShardId));
    let read = 0;
    for (const shard of shards) {
      const shardId = shard.ShardId!;
      if (finishedShards.has(shardId)) continue;
      // A child shard waits until its parent is read to the end, so records of one item stay in order.
      if (shard.ParentShardId && known.has(shard.ParentShardId) && !finishedShards.has(shard.ParentShardId)) continue;
      const iterator = await iteratorOf(shardId);
      if (!iterator) {
        finishedShards.add(shardId);
        continue;
      }
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
      const records = (out.Records ?? []).map((record) => lambdaRecordOf(record, streamArn));
      read += records.length;
      const wanted = records.filter(options.wants);
      if (wanted.length) await deliver(shardId, wanted);
      if (abandoned) return read;
      if (records.length) checkpoints.set(shardId, sequenceNumberOf(records.at(-1)!));
      if (out.NextShardIterator) iterators.set(shardId, out.NextShardIterator);
      else {
        iterators.delete(shardId);
        finishedShards.add(shardId);
      }
    }
    return read;
  }

  const loop = (async () => {
    while (running) {
      const waiters = waiting;
      waiting = [];
      let read = 1;
      try {
        read = await pass();
      } catch (error) {
        if (!running) break;
        // An expired iterator is got again from the checkpoint; anything else is retried after a pause.
        iterators.clear();
        log(`stream ${options.tableName}: read failed, retrying: ${(error as Error).message}`);
      }
      if (read === 0) for (const done of waiters) done();
      else waiting.unshift(...waiters);
      if (running && read === 0) await idle();
    }
  })();

  return {
    streamArn,
    drained() {
      if (!running) return Promise.reject(new Error('the stream poller is stopped'));
      return new Promise<void>((done) => {
        waiting.push(done);
        wake?.();
      });
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      streams.destroy();
    },
    abandon() {
      running = false;
      abandoned = true;
      wake?.();
      streams.destroy();
    },
  };
}
