import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryCheckpoints } from '../../lib/local/stream-checkpoints.js';
import type { LocalStreamOptions } from '../../lib/local/stream-consumer.js';
import type { StreamPoller } from '../../lib/local/stream-poller.js';

/**
 * Each test file's table has its stream consumer in the test worker, so copies converge whether a
 * test calls handlers in process or the local server over HTTP. Tests wait for it with
 * `streamDrained()`, never with a sleep. It starts on first use, at the stream's oldest record, so
 * it sees every change of the file; starting it later than the setup file lets a test file set
 * the environment lib/ reads on first use (test/infra/endpoint-metrics.test.ts plays Lambda) before
 * the consumer's modules load. The setup file (`table.ts`) stops it after the file.
 */
let current: Promise<StreamPoller> | undefined;
/** Shared by every poller of the file, so a restarted one resumes where the last one stopped. */
const checkpoints = memoryCheckpoints();

/** Where this file's consumer writes the batches it gave up on. */
export const deadLetterFile = () => join(tmpdir(), 'contactbook-stream', `${process.env.TABLE_NAME}.dead-letters.jsonl`);

/** Starts this file's consumer (`streamDrained` does on first use; `restartStream` for a test's own reactions). */
export function startStream(options: Partial<LocalStreamOptions> = {}): Promise<StreamPoller> {
  current = import('../../lib/local/stream-consumer.js').then(({ startLocalStreamConsumer }) =>
    startLocalStreamConsumer({
      endpoint: process.env.DYNAMODB_ENDPOINT!,
      region: process.env.AWS_REGION!,
      tableName: process.env.TABLE_NAME!,
      deadLetterFile: deadLetterFile(),
      checkpoints,
      // Retries within milliseconds: the fault tests spend them all.
      retryDelayMs: () => 5,
      // `drained()` cuts the idle pause short, so a long one costs no test time, and spares DynamoDB Local
      // the two calls of every empty pass.
      idleMs: 250,
      log: () => undefined,
      ...options,
    }),
  );
  return current;
}

/** Resolves once every change made so far, and every change the consumer made in turn, is processed. */
export async function streamDrained(): Promise<void> {
  current ??= startStream();
  await (await current).drained();
}

/** Stops this file's consumer: gracefully, or `abandon`ed mid-batch as a killed process. */
export async function stopStream(how: 'stop' | 'abandon' = 'stop'): Promise<void> {
  const poller = await current;
  current = undefined;
  if (how === 'abandon') poller?.abandon();
  else await poller?.stop();
}

/** Replaces this file's consumer (its checkpoints kept), e.g. with reactions that fail on purpose. */
export async function restartStream(options: Partial<LocalStreamOptions> = {}, how: 'stop' | 'abandon' = 'stop'): Promise<StreamPoller> {
  await stopStream(how);
  return startStream(options);
}
