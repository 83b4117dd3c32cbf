import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { StatefulStack } from './stateful-stack.js';
import type { StatelessStack } from './stateless-stack.js';

/** A cdk-nag AwsSolutions finding accepted on purpose, with the reason (docs/operations.md#cdk-nag lists them). */
export interface AcceptedFinding {
  id: string;
  reason: string;
}

export const ACCEPTED = {
  xrayWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so their resource is "*". Every other statement names its resource (test/infra checks the wildcard holds only those two actions).',
  },
  streamConsumerWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'The stream consumer: X-Ray as for every function, and dynamodb:ListStreams, which the event source mapping needs and which supports no resource-level permission (the CDK grant gives it "*"). Reading the stream itself (DescribeStream, GetShardIterator, GetRecords) is granted on the table\'s stream ARN only.',
  },
  failureQueue: {
    id: 'AwsSolutions-SQS3',
    reason:
      "The queue is itself a dead-letter queue: the stream consumer's on-failure destination. Its messages are read by an operator replaying the records (docs/change-stream.md), never redriven automatically, so it needs no queue behind it.",
  },
  runtime: {
    id: 'AwsSolutions-L1',
    reason:
      'nodejs22.x is the runtime the project targets and tests (issue 2: nodejs22.x, ARM64); moving to a newer Node line is a deliberate upgrade, not a drift.',
  },
  secretRotation: {
    id: 'AwsSolutions-SMG4',
    reason:
      "The Tencent IM secret key and the callback token are issued by Tencent's console and the app server, not by AWS: they are rotated there and the new value is put with `aws secretsmanager put-secret-value` (docs/operations.md#deploy, docs/events-and-callbacks.md). A rotation Lambda cannot mint either.",
  },
  optionalMfa: {
    id: 'AwsSolutions-COG2',
    reason:
      'End users of a consumer chat app: MFA is offered (TOTP, optional), not forced; requiring it is a product decision. Operators can set mfa to REQUIRED in infra/constructs/cognito-auth.ts.',
  },
  essentialsPlan: {
    id: 'AwsSolutions-COG8',
    reason:
      'The Plus feature plan (threat protection) is billed per monthly active user; the default deployment stays on Essentials. A deployment that needs adaptive authentication switches featurePlan in infra/constructs/cognito-auth.ts.',
  },
} as const satisfies Record<string, AcceptedFinding>;

function accept(scope: IConstruct, ...findings: AcceptedFinding[]): void {
  for (const finding of findings) Validations.of(scope).acknowledge(finding);
}

/** The one place findings are accepted; each on the narrowest construct it concerns. */
export function suppressAcceptedFindings(stateful: StatefulStack, stateless: StatelessStack): void {
  accept(stateful.timSecret, ACCEPTED.secretRotation);
  if (stateful.auth) accept(stateful.auth.userPool, ACCEPTED.optionalMfa, ACCEPTED.essentialsPlan);
  if (stateless.events.callbackToken) accept(stateless.events.callbackToken, ACCEPTED.secretRotation);
  const functions = [
    ...stateless.routeFunctions.values(),
    ...(stateless.usersigAuthorizer ? [stateless.usersigAuthorizer] : []),
    ...(stateless.events.dispatcher ? [stateless.events.dispatcher] : []),
  ];
  for (const fn of functions) {
    accept(fn, ACCEPTED.runtime);
    if (fn.role) accept(fn.role, ACCEPTED.xrayWildcard);
  }
  const consumer = stateless.streamConsumer;
  accept(consumer.fn, ACCEPTED.runtime);
  if (consumer.fn.role) accept(consumer.fn.role, ACCEPTED.streamConsumerWildcard);
  accept(consumer.failures, ACCEPTED.failureQueue);
}
