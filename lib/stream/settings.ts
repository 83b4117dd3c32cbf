/**
 * How the table's stream is read, shared by the event source mapping (`infra/stream-consumer.ts`) and
 * the local poller (`lib/local/stream-poller.ts`), so both deliver alike. Why each value:
 * docs/change-stream.md.
 */
export const STREAM_CONSUMER = {
  /** Records per invocation at most. */
  batchSize: 20,
  /** How long Lambda gathers records before invoking with fewer than `batchSize`. */
  maxBatchingWindowSeconds: 1,
  /** Tries of a failing (bisected) batch after the first, before its records go to the failure destination. */
  retryAttempts: 4,
  /** A record older than this goes to the failure destination untried: it leaves 18 of the stream's 24 hours to replay it. */
  maxRecordAgeSeconds: 6 * 60 * 60,
  /** The consumer function's timeout: a batch of large fan-outs (docs/change-stream.md, measured) with a wide margin. */
  timeoutSeconds: 120,
} as const;
