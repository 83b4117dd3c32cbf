import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * One batch the local poller gave up on, as a line of the dead-letter file (JSON lines): where it
 * was in the stream, why it failed, and the records themselves, so `npm run stream:replay` can run
 * them through the consumer again (docs/change-stream.md).
 */
export interface DeadLetter {
  failedAt: string;
  tableName: string;
  streamArn: string;
  shardId: string;
  firstSequenceNumber: string;
  lastSequenceNumber: string;
  /** Invocations of the consumer that failed on these records, the last one included. */
  attempts: number;
  error: string;
  records: DynamoDBRecord[];
}

export function appendDeadLetter(path: string, letter: DeadLetter): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify(letter)}\n`);
}

export function readDeadLetters(path: string): DeadLetter[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DeadLetter);
}
