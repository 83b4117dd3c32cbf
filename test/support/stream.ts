import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryCheckpoints } from '../../lib/local/stream-checkpoints.js';
import { startLocalStreamConsumer, type LocalStreamOptions } from '../../lib/local/stream-consumer.js';
import type { StreamPoller } from '../../lib/local/stream-poller.js';

/**
 * Each test file's table has its stream consumer running in the test worker, started by the setup
 * file (`table.ts`), so copies converge whether a test calls handlers in process or the local
 * server over HTTP. Tests wait for it with `streamDrained()`, never with a sleep.
 */
let current: StreamPoller | undefined;
/** Shared by every poller of the file, so a restarted one resumes where the last one stopped. */
const checkpoints = memoryCheckpoints();

/** Where this file's consumer writes the batches it gave up on. */
export const deadLetterFile = () => join(tmpdir(), 'contactbook-stream', `${process.env.TABLE_NAME}.dead-letters.jsonl`);

/** Starts this file's consumer (the setup file does; `restartStream` for a test's own reactions). */
export async function startStream(options: Partial<LocalStreamOptions> = {}): Promise<StreamPoller> {
  current = await startLocalStreamConsumer({
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    region: process.env.AWS_REGION!,
    tableName: process.env.TABLE_NAME!,
    deadLetterFile: deadLetterFile(),
    checkpoints,
    // Retries within milliseconds: the fault tests spend them all.
    retryDelayMs: () => 5,
    idleMs: 20,
    log: () => undefined,
    ...options,
  });
  return current;
}

/** Resolves once every change made so far, and every change the consumer made in turn, is processed. */
export function streamDrained(): Promise<void> {
  if (!current) throw new Error('no stream consumer is running for this test file');
  return current.drained();
}

/** Stops this file's consumer: gracefully, or `abandon`ed mid-batch as a killed process. */
export async function stopStream(how: 'stop' | 'abandon' = 'stop'): Promise<void> {
  const poller = current;
  current = undefined;
  if (how === 'abandon') poller?.abandon();
  else await poller?.stop();
}

/** Replaces this file's consumer (its checkpoints kept), e.g. with reactions that fail on purpose. */
export async function restartStream(options: Partial<LocalStreamOptions> = {}, how: 'stop' | 'abandon' = 'stop'): Promise<StreamPoller> {
  await stopStream(how);
  return startStream(options);
}
