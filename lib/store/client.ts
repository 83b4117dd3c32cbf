import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableConfig } from '../config.js';

/** One document client per process, built on first use. */
let documentClient: DynamoDBDocumentClient | undefined;

export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
    const { endpoint, region } = tableConfig();
    const client = new DynamoDBClient({ region, ...(endpoint ? { endpoint } : {}), maxAttempts: 4 });
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }
  return documentClient;
}

export function tableName(): string {
  return tableConfig().tableName;
}

/** Lets fault-injection tests and the benchmark wrap the client (send spies, failures). */
export function setDocumentClient(client: DynamoDBDocumentClient | undefined): void {
  documentClient = client;
}
