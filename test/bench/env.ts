import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_DEFAULTS } from '../../lib/config.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../lib/local/dynamodb-local.js';
import { createTableIfMissing } from '../../lib/store/create-table.js';

/**
 * The benchmark's and the load run's own world: an in-memory DynamoDB Local on a free loopback
 * port, the table, and the local defaults in the environment (set before any lib/ module reads
 * its configuration, which happens on first use).
 */
export async function startBenchTable(tableName: string): Promise<DynamoDbLocal> {
  for (const [name, value] of Object.entries(LOCAL_DEFAULTS)) process.env[name] ??= value;
  process.env.LOG_LEVEL = 'SILENT';
  process.env.TABLE_NAME = tableName;
  const ddb = await startDynamoDbLocal();
  process.env.DYNAMODB_ENDPOINT = ddb.endpoint;
  const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: process.env.AWS_REGION });
  await createTableIfMissing(client, tableName);
  client.destroy();
  return ddb;
}

/** Value of `--name value` on the command line, or `fallback`. */
export function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1]! : fallback;
}
