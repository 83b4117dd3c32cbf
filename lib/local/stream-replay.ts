/**
 * `npm run stream:replay [-- <file>]`: runs the records of the local dead-letter file through the
 * stream consumer again, once whatever made them fail is fixed (docs/change-stream.md). Records that
 * apply leave the file; those that still fail stay in it. Against a running `npm start` set
 * DYNAMODB_ENDPOINT to the endpoint it printed; otherwise DynamoDB Local is started on LOCAL_DATA_DIR.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_DEFAULTS } from '../config.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { readDeadLetters, type DeadLetter } from './stream-dead-letters.js';

for (const [name, value] of Object.entries(LOCAL_DEFAULTS)) process.env[name] ??= value;
process.env.TABLE_NAME ??= 'contactbook';
process.env.LOG_LEVEL ??= 'WARN';
const dataDir = process.env.LOCAL_DATA_DIR ?? '.local-data/dynamodb';
const file = process.argv[2] ?? join(dataDir, 'stream-dead-letters.jsonl');
const ddb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal({ dataDir });
process.env.DYNAMODB_ENDPOINT ??= ddb!.endpoint;

const { localStreamHandler } = await import('./stream-consumer.js');
const { invokeConsumer } = await import('./stream-poller.js');
const handler = localStreamHandler();

const letters = readDeadLetters(file);
const left: DeadLetter[] = [];
for (const letter of letters) {
  const { from, error } = await invokeConsumer(handler, letter.records);
  if (from < letter.records.length)
    left.push({ ...letter, records: letter.records.slice(from), attempts: letter.attempts + 1, error: error ?? letter.error });
}
writeFileSync(file, left.map((letter) => `${JSON.stringify(letter)}\n`).join(''));
console.log(`${file}: ${letters.length - left.length} of ${letters.length} dead-lettered batches replayed, ${left.length} still failing`);
await ddb?.stop();
