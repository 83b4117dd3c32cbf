import { streamReactions } from '../../lib/stream/reactions/index.js';
import { streamConsumerHandler } from '../../lib/stream/handler.js';

export const handler = streamConsumerHandler(streamReactions);
