import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { secretString } from '../auth/tim-secret.js';
import { dispatchSqsBatch } from './sqs-dispatch.js';
import { callbackConfig, timConfig } from '../config.js';
import { logger } from '../observability.js';

const sqs = new SQSClient({});

/** `arn:aws:sqs:<region>:<account>:<name>` → the queue URL SQS calls take. */
function queueUrl(queueArn: string): string {
  const [, , , region, account, name] = queueArn.split(':');
  return `https://sqs.${region}.amazonaws.com/${account}/${name}`;
}

/**
 * Delivers the relationship events of the bus, queued by the stack's rule, to the app server as
 * Tencent third-party callbacks (docs/events-and-callbacks.md). Fed by SQS with
 * `ReportBatchItemFailures`; the callback token comes from Secrets Manager.
 */
export async function deliverQueuedCallbacks(event: SQSEvent): Promise<SQSBatchResponse> {
  const { url, tokenSecretArn, token, timeoutMs, retryDelaysMs } = callbackConfig();
  if (!url) throw new Error('TIM_CALLBACK_URL environment variable is not set');
  const signingToken = token ?? (tokenSecretArn ? await secretString(tokenSecretArn) : undefined);
  const target = { url, sdkAppId: timConfig().sdkAppId, timeoutMs, ...(signingToken !== undefined ? { token: signingToken } : {}) };
  return dispatchSqsBatch(event.Records, target, {
    retryDelaysMs,
    delayRetry: async (record, seconds) => {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl(record.eventSourceARN),
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    },
    log: (message, details) => logger.warn(message, details),
  });
}
