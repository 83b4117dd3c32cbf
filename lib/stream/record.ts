import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

// Lambda's stream images are DynamoDB JSON, the shape the SDK's AttributeValue has.
const plain = <T>(image: Image | undefined): T | undefined =>
  image ? (unmarshall(image as Record<string, AttributeValue>) as T) : undefined;

/** The item after the change (absent for a REMOVE). */
export const newImageOf = <T = Record<string, unknown>>(record: DynamoDBRecord): T | undefined => plain<T>(record.dynamodb?.NewImage);

/** The item before the change (absent for an INSERT). */
export const oldImageOf = <T = Record<string, unknown>>(record: DynamoDBRecord): T | undefined => plain<T>(record.dynamodb?.OldImage);

/** The record's table keys as plain strings. */
export function keysOf(record: DynamoDBRecord): { pk: string; sk: string } {
  const keys = record.dynamodb?.Keys;
  return { pk: keys?.pk?.S ?? '', sk: keys?.sk?.S ?? '' };
}
