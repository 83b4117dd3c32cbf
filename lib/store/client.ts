import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableConfig } from '../config.js';
import { callStarted, capacityKind, isMeteredCommand } from '../meter.js';

/** One document client per process, built on first use. */
let documentClient: DynamoDBDocumentClient | undefined;

export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
    const { endpoint, region } = tableConfig();
    const client = new DynamoDBClient({ region, ...(endpoint ? { endpoint } : {}), maxAttempts: 4 });
    meterCalls(client);
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }
  return documentClient;
}

/**
 * Asks every data call for its consumed capacity (free of charge) and reports it to the request's
 * meter (`lib/meter.ts`): the per-endpoint capacity metrics and the benchmark both read it.
 */
function meterCalls(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const commandName = context.commandName ?? 'unknown';
      if (!isMeteredCommand(commandName)) return next(args);
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity ??= 'TOTAL';
      const ended = callStarted(commandName, itemsNamed(args.input as object));
      try {
        const out = await next(args);
        ended(capacityKind(commandName, (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity));
        return out;
      } catch (error) {
        ended(capacityKind(commandName, (error as { ConsumedCapacity?: unknown }).ConsumedCapacity));
        throw error;
      }
    },
    { step: 'initialize', name: 'contactbookMeter' },
  );
}

/** Keys of a batch (per table), actions of a transaction, else 1. */
function itemsNamed(input: { RequestItems?: Record<string, { Keys?: unknown[] } | unknown[]>; TransactItems?: unknown[] }): number {
  if (input.TransactItems) return input.TransactItems.length;
  if (input.RequestItems) {
    const sizes = Object.values(input.RequestItems).map((request) =>
      Array.isArray(request) ? request.length : (request.Keys?.length ?? 0),
    );
    return sizes.reduce((sum, size) => sum + size, 0);
  }
  return 1;
}

export function tableName(): string {
  return tableConfig().tableName;
}

/** Lets fault-injection tests and the benchmark wrap the client (send spies, failures). */
export function setDocumentClient(client: DynamoDBDocumentClient | undefined): void {
  documentClient = client;
}
