import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  type DynamoDBClient,
  type StreamSpecification,
} from '@aws-sdk/client-dynamodb';
import { GLOBAL_INDEXES, TABLE_KEYS } from './table-definition.js';

/** The table's change stream, as the stack has it (docs/change-stream.md). */
const STREAM: StreamSpecification = { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' };

/**
 * Creates the table on DynamoDB Local (`npm start`, tests, bench). A table that exists must have
 * every index: one kept from an older checkout lacks the newer indexes and the copies they read,
 * so it is refused with what to do rather than half-working; one without a stream gets it. Kept
 * apart from `table-definition.ts` so the functions, which only read the key names, do not import
 * these commands.
 */
export async function createTableIfMissing(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = GLOBAL_INDEXES.filter((index) => !present.has(index.name)).map((index) => index.name);
    if (missing.length) {
      throw new Error(
        `Table ${tableName} was made by an older version (no ${missing.join(', ')}): delete its data (npm start keeps it in LOCAL_DATA_DIR, default .local-data/dynamodb) and start again.`,
      );
    }
    if (!Table?.StreamSpecification?.StreamEnabled)
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: STREAM }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: STREAM,
      AttributeDefinitions: [
        { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
        ...[...new Set(GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]))].map((name) => ({
          AttributeName: name,
          AttributeType: 'S' as const,
        })),
      ],
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
          { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      })),
    }),
  );
}
