import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../observability.js';
import { consumeStreamBatch } from './consumer.js';
import type { StreamReaction } from './reaction.js';

export type StreamConsumerHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/**
 * The Lambda handler of the table's stream consumer over `reactions` (docs/change-stream.md): one
 * batch through every reaction, answered with Lambda's partial batch response, one log line per batch.
 * The local poller runs the same handler on DynamoDB Local's stream.
 */
export function streamConsumerHandler(reactions: readonly StreamReaction[]): StreamConsumerHandler {
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      const started = performance.now();
      const { batchItemFailures, outcome } = await consumeStreamBatch(reactions, event);
      logger.info('stream batch', {
        ...outcome,
        ms: Math.round(performance.now() - started),
        retryFrom: batchItemFailures[0]?.itemIdentifier,
      });
      return { batchItemFailures };
    }) as unknown as StreamConsumerHandler;
}
