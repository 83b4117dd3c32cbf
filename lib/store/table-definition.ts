import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The single table's keys and indexes, shared by the CDK stack, `npm start` and the tests so the
 * three can never drift. GSI1 orders a user's records by time (contact lists, newest first) and finds a
 * user by phone.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const GSI1 = { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;
/** GSI2: my contacts of the users I block (sparse), ordered by the contact's `gsi1sk`. */
export const GSI2 = { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: GSI1.sortKey } as const;
/** GSI3: Tencent get_list, my listed contacts pinned apart (`recentContactsIndex`), ordered by the contact's `gsi1sk`. */
export const GSI3 = { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: GSI1.sortKey } as const;
/** Every GSI (projection ALL): the local table, the CDK table and the functions' Query grants are made from this list. */
export const GLOBAL_INDEXES = [GSI1, GSI2, GSI3] as const;

/**
 * Creates the table on DynamoDB Local (`npm start`, tests, bench). A table that exists must have
 * every index: one kept from an older checkout lacks the newer indexes and the copies they read,
 * so it is refused with what to do rather than half-working.
 */
export async function createTableIfMissing(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = GLOBAL_INDEXES.filter((index) => !present.has(index.name)).map((index) => index.name);
    if (missing.length) {
      throw new Error(`Table ${tableName} was made by an older version (no ${missing.join(', ')}): delete its data (npm start keeps it in LOCAL_DATA_DIR, default .local-data/dynamodb) and start again.`);
    }
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
        ...[...new Set(GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]))].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
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
