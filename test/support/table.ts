import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { LOCAL_DEFAULTS } from '../../lib/config.js';
import { createTableIfMissing } from '../../lib/store/create-table.js';
import { stopStream } from './stream.js';

/** Runs before each test file: its own table on the run's DynamoDB Local, and local defaults. */
for (const [name, value] of Object.entries(LOCAL_DEFAULTS)) process.env[name] ??= value;
process.env.LOG_LEVEL ??= 'SILENT';
process.env.DYNAMODB_ENDPOINT = inject('ddbEndpoint');
process.env.TABLE_NAME = `test-${randomUUID()}`;

const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: process.env.AWS_REGION });
await createTableIfMissing(client, process.env.TABLE_NAME);
client.destroy();

// The table's stream consumer runs beside the tests once a test waits for it (test/support/stream.ts).
// Then the table goes: DynamoDB Local slows down with every table (and stream) it keeps for the run.
afterAll(async () => {
  await stopStream();
  const admin = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: process.env.AWS_REGION });
  await admin.send(new DeleteTableCommand({ TableName: process.env.TABLE_NAME }));
  admin.destroy();
});
