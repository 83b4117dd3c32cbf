import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the local poller keeps, per shard, the sequence number of the last record it finished: a
 * poller started again resumes after it, as Lambda's event source mapping does after a restart.
 */
export interface StreamCheckpoints {
  get(shardId: string): string | undefined;
  set(shardId: string, sequenceNumber: string): void;
}

/** Checkpoints kept in memory (the tests' pollers: their tables live as long as the test file). */
export function memoryCheckpoints(): StreamCheckpoints {
  const positions = new Map<string, string>();
  return { get: (shardId) => positions.get(shardId), set: (shardId, sequenceNumber) => void positions.set(shardId, sequenceNumber) };
}

/** Checkpoints kept in a JSON file beside the local data (`npm start`), rewritten after each batch. */
export function fileCheckpoints(path: string): StreamCheckpoints {
  const positions = new Map<string, string>(
    existsSync(path) ? Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : [],
  );
  mkdirSync(dirname(path), { recursive: true });
  return {
    get: (shardId) => positions.get(shardId),
    set(shardId, sequenceNumber) {
      positions.set(shardId, sequenceNumber);
      writeFileSync(path, JSON.stringify(Object.fromEntries(positions), null, 2));
    },
  };
}
