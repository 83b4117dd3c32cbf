import { deliverQueuedCallbacks } from '../../lib/callbacks/sqs-handler.js';

export const handler = deliverQueuedCallbacks;
