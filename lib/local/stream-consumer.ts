import type { Context, DynamoDBRecord } from 'aws-lambda';
import { anyWants } from '../stream/consumer.js';
import { streamConsumerHandler } from '../stream/handler.js';
import type { StreamReaction } from '../stream/reaction.js';
import { streamReactions } from '../stream/reactions/index.js';
import { STREAM_CONSUMER } from '../stream/settings.js';
import { lambdaContext } from './event.js';
import { startStreamPoller, type StreamHandler, type StreamPoller, type StreamPollerOptions } from './stream-poller.js';

/** The consumer function's module under functions/, named in the fake Lambda context. */
const CONSUMER = { handler: 'stream/consumer' };

/** The consumer's Lambda handler over `reactions`, called as Lambda calls it. */
export function localStreamHandler(reactions: readonly StreamReaction[] = streamReactions): StreamHandler {
  const handler = streamConsumerHandler(reactions);
  return (event) => handler(event, lambdaContext(CONSUMER, STREAM_CONSUMER.timeoutSeconds * 1000) as unknown as Context);
}

export type LocalStreamOptions = Omit<StreamPollerOptions, 'handler' | 'wants'> & {
  /** @default every registered reaction (`lib/stream/reactions/index.ts`), as the deployed consumer runs them */
  reactions?: readonly StreamReaction[];
};

/**
 * The table's stream consumer on DynamoDB Local (`npm start`, the tests): the consumer's Lambda
 * handler over the registered reactions, fed by the local poller, with the reactions' filter.
 */
export function startLocalStreamConsumer(options: LocalStreamOptions): Promise<StreamPoller> {
  const { reactions = streamReactions, ...pollerOptions } = options;
  return startStreamPoller({
    ...pollerOptions,
    handler: localStreamHandler(reactions),
    wants: (record: DynamoDBRecord) => anyWants(reactions, record),
  });
}
