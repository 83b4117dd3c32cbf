import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { tableName } from '../../lib/store/client.js';

/**
 * The stream records a change makes, as Lambda gets them (NEW_AND_OLD_IMAGES, images in DynamoDB
 * JSON), built from the test table's items before and after `act`: what the change stream would
 * carry for it. Stands in for the drained DynamoDB Local stream until the consumer reads it
 * (docs/events-and-callbacks.md); each record's `eventID` is unique, like the stream's.
 */
export async function streamRecordsOf(act: () => Promise<unknown>): Promise<DynamoDBRecord[]> {
  const before = await tableItems();
  await act();
  const after = await tableItems();
  const records: DynamoDBRecord[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const oldImage = before.get(key);
    const newImage = after.get(key);
    if (oldImage && newImage && JSON.stringify(oldImage) === JSON.stringify(newImage)) continue;
    records.push(recordOf(oldImage, newImage));
  }
  return records;
}

let sequence = 0;

function recordOf(oldImage: Image | undefined, newImage: Image | undefined): DynamoDBRecord {
  const image = (newImage ?? oldImage)!;
  const eventName = !oldImage ? 'INSERT' : !newImage ? 'REMOVE' : 'MODIFY';
  const sequenceNumber = String(++sequence).padStart(21, '0');
  return {
    eventID: createHash('sha256').update(`${tableName()}#${sequenceNumber}#${Math.random()}`).digest('hex').slice(0, 32),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: process.env.AWS_REGION ?? 'us-east-1',
    eventSourceARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${tableName()}/stream/2026-01-01T00:00:00.000`,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: { pk: image.pk!, sk: image.sk! },
      ...(newImage ? { NewImage: newImage } : {}),
      ...(oldImage ? { OldImage: oldImage } : {}),
      SequenceNumber: sequenceNumber,
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as DynamoDBRecord;
}

type Image = Record<string, AttributeValue> & { pk?: AttributeValue; sk?: AttributeValue };

let client: DynamoDBClient | undefined;

/** Every item of this file's test table in DynamoDB JSON, by key (tests may read the whole table; the product never Scans). */
async function tableItems(): Promise<Map<string, Image>> {
  client ??= new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: process.env.AWS_REGION });
  const items = new Map<string, Image>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: tableName(), ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of (out.Items ?? []) as Image[]) items.set(`${item.pk?.S}\u0000${item.sk?.S}`, item);
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
