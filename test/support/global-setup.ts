import type { TestProject } from 'vitest/node';
import { LOCAL_DEFAULTS } from '../../lib/config.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../lib/local/dynamodb-local.js';

/** One in-memory DynamoDB Local per test run, on a random port; each test file makes its own table. */
let ddb: DynamoDbLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  for (const [name, value] of Object.entries(LOCAL_DEFAULTS)) process.env[name] ??= value;
  ddb = await startDynamoDbLocal();
  project.provide('ddbEndpoint', ddb.endpoint);
}

export async function teardown(): Promise<void> {
  await ddb?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
  }
}
