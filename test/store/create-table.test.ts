import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTableIfMissing } from '../../lib/store/create-table.js';
import { GLOBAL_INDEXES, GSI1, TABLE_KEYS } from '../../lib/store/table-definition.js';

describe('createTableIfMissing', () => {
  const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: process.env.AWS_REGION });
  afterAll(() => client.destroy());

  it('accepts the table it made (every index present)', async () => {
    await expect(createTableIfMissing(client, process.env.TABLE_NAME!)).resolves.toBeUndefined();
  });

  it('refuses a table from an older version that lacks an index, naming what to do', async () => {
    const old = `old-${randomUUID()}`;
    await client.send(
      new CreateTableCommand({
        TableName: old,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, GSI1.partitionKey, GSI1.sortKey].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: GSI1.name,
            KeySchema: [
              { AttributeName: GSI1.partitionKey, KeyType: 'HASH' },
              { AttributeName: GSI1.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const newer = GLOBAL_INDEXES.filter((index) => index.name !== GSI1.name).map((index) => index.name);
    await expect(createTableIfMissing(client, old)).rejects.toThrow(
      new RegExp(`older version \\(no ${newer.join(', ')}\\).*delete its data`),
    );
  });
});
