import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * A record read with the DynamoDB Streams API, as Lambda hands it to a function: the same fields,
 * the creation time in epoch seconds, binary values in base64, and the stream's ARN.
 */
export function lambdaRecordOf(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...rest } = record.dynamodb ?? {};
  const dynamodb = JSON.parse(
    JSON.stringify(rest, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value)),
  ) as NonNullable<DynamoDBRecord['dynamodb']>;
  return {
    ...(record.eventID ? { eventID: record.eventID } : {}),
    ...(record.eventName ? { eventName: record.eventName } : {}),
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'local',
    dynamodb: {
      ...(ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) } : {}),
      ...dynamodb,
    },
    eventSourceARN: streamArn,
  };
}

/** The event Lambda's event source mapping invokes the consumer with. */
export const streamEventOf = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
