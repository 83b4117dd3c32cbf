/**
 * `npm start`: DynamoDB Local (data under .local-data/, git-ignored), the table, every route of the
 * table on http://127.0.0.1:$PORT (default 3000) with the API explorer at `/`, and the table's stream
 * consumer on DynamoDB Local's stream (docs/change-stream.md). Ctrl-C stops all three.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_DEFAULTS } from '../config.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

for (const [name, value] of Object.entries(LOCAL_DEFAULTS)) process.env[name] ??= value;
process.env.TABLE_NAME ??= 'contactbook';
// The server prints one line per request; handler logs below WARN would drown it.
process.env.LOG_LEVEL ??= 'WARN';
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.LOCAL_DATA_DIR ?? '.local-data/dynamodb';

mkdirSync(dataDir, { recursive: true });
const ddb = await startDynamoDbLocal({ dataDir, ...(process.env.DYNAMODB_PORT ? { port: Number(process.env.DYNAMODB_PORT) } : {}) });
process.env.DYNAMODB_ENDPOINT = ddb.endpoint;

const { createTableIfMissing } = await import('../store/create-table.js');
const { routes } = await import('../routes/index.js');
const { startLocalServer } = await import('./server.js');
const { localDocuments } = await import('./documents.js');
const { explorerFiles } = await import('./explorer.js');
const { localCallbackQueue } = await import('../stream/reactions/publish-events.js');
const { startLocalStreamConsumer } = await import('./stream-consumer.js');
const { fileCheckpoints } = await import('./stream-checkpoints.js');

const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: process.env.AWS_REGION });
await createTableIfMissing(client, process.env.TABLE_NAME);
client.destroy();

// Beside DynamoDB Local's data: where the consumer resumes after a restart, and what it gave up on.
const deadLetterFile = join(dataDir, 'stream-dead-letters.jsonl');
const stream = await startLocalStreamConsumer({
  endpoint: ddb.endpoint,
  region: process.env.AWS_REGION!,
  tableName: process.env.TABLE_NAME,
  checkpoints: fileCheckpoints(join(dataDir, `stream-checkpoints-${process.env.TABLE_NAME}.json`)),
  deadLetterFile,
});
const documents = localDocuments();
const server = await startLocalServer({ routes, port, documents, files: explorerFiles(Object.keys(documents)) });
console.log(
  `Contactbook API ready on ${server.url} (table ${process.env.TABLE_NAME} on DynamoDB Local ${ddb.endpoint}, data in ${dataDir})`,
);
console.log(`Open ${server.url} for the API explorer; mint a token: npm run token -- <userId>, a usersig: npm run usersig`);
console.log(`Stream consumer running (failed records go to ${deadLetterFile}; replay: npm run stream:replay)`);
const callbackUrl = process.env.TIM_CALLBACK_URL;
console.log(
  callbackUrl
    ? `Tencent callbacks to ${callbackUrl}${process.env.TIM_CALLBACK_TOKEN ? ' (signed)' : ''} (docs/events-and-callbacks.md)`
    : 'Tencent callbacks off: set TIM_CALLBACK_URL (docs/events-and-callbacks.md)',
);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  await server.close();
  await stream.stop();
  // Callbacks still waiting for a retry go to the dead-letter file rather than vanish.
  await localCallbackQueue()?.close();
  await ddb.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
