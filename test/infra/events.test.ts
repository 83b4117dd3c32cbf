import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_MAX_RECEIVES, CALLBACK_RETRY_DELAYS_MS } from '../../infra/constructs/events.js';
import { RELATIONSHIP_EVENT_TYPES } from '../../lib/events/catalogue.js';
import { asList, synthContactbook, type CfnResource, type PolicyStatementJson } from './synth.js';

const CALLBACK_URL = 'https://app.example.com/im/callback';
let plain: ReturnType<typeof synthContactbook>;
let withCallbacks: ReturnType<typeof synthContactbook>;
beforeAll(() => {
  plain = synthContactbook();
  withCallbacks = synthContactbook({ timCallbackUrl: CALLBACK_URL, alarmEmail: 'ops@example.com' });
});

const resourcesOf = (template: { toJSON(): any }, type: string): Array<[string, CfnResource]> =>
  Object.entries(template.toJSON().Resources as Record<string, CfnResource>).filter(([, resource]) => resource.Type === type);
/** Resources of the Events construct only (the stream consumer has a queue and a mapping of its own). */
const eventsResourcesOf = (template: { toJSON(): any }, type: string) =>
  resourcesOf(template, type).filter(([id]) => id.startsWith('Events'));
const only = (template: { toJSON(): any }, type: string): [string, CfnResource] => {
  const found = eventsResourcesOf(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const dispatcherOf = (template: { toJSON(): any }) =>
  resourcesOf(template, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Environment?.Variables?.TIM_CALLBACK_URL !== undefined);

describe('event bus and Tencent callbacks in the stack', () => {
  it('always has the custom event bus; without a callback URL nothing else: no queue, rule, dispatcher or token', () => {
    const [, bus] = only(plain.api, 'AWS::Events::EventBus');
    expect(bus.Properties).toMatchObject({ Name: 'contactbook-dev' });
    for (const type of ['AWS::SQS::Queue', 'AWS::Events::Rule', 'AWS::Lambda::EventSourceMapping', 'AWS::SecretsManager::Secret']) {
      expect(eventsResourcesOf(plain.api, type), type).toEqual([]);
    }
    expect(dispatcherOf(plain.api)).toBeUndefined();
  });

  it('sends the relationship events of the bus to the callback queue, with a dead-letter queue for what it cannot put', () => {
    const [busId] = only(withCallbacks.api, 'AWS::Events::EventBus');
    const [, rule] = only(withCallbacks.api, 'AWS::Events::Rule');
    expect(rule.Properties!.EventBusName).toEqual({ Ref: busId });
    expect(rule.Properties!.EventPattern).toEqual({ source: ['contactbook'], 'detail-type': [...RELATIONSHIP_EVENT_TYPES] });
    const [target] = rule.Properties!.Targets;
    const queues = eventsResourcesOf(withCallbacks.api, 'AWS::SQS::Queue');
    const [queueId, queue] = queues.find(([, q]) => q.Properties?.RedrivePolicy)!;
    const [dlqId] = queues.find(([, q]) => !q.Properties?.RedrivePolicy)!;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
    expect(queue.Properties).toMatchObject({
      VisibilityTimeout: 90,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: CALLBACK_MAX_RECEIVES },
    });
  });

  it('delivers with the dispatcher: SQS batches reporting item failures, retry schedule and token secret in its environment', () => {
    const [fnId, fn] = dispatcherOf(withCallbacks.api)!;
    const [secretId] = only(withCallbacks.api, 'AWS::SecretsManager::Secret');
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 15,
      TracingConfig: { Mode: 'Active' },
    });
    expect(fn.Properties!.Environment.Variables).toMatchObject({
      TIM_CALLBACK_URL: CALLBACK_URL,
      TIM_CALLBACK_TOKEN_SECRET_ARN: { Ref: secretId },
      TIM_CALLBACK_RETRY_MS: CALLBACK_RETRY_DELAYS_MS.join(','),
      TIM_SDKAPPID: '1400000000',
      TIM_ADMIN: 'administrator',
    });
    expect(fn.Properties!.Environment.Variables.TABLE_NAME).toBeUndefined();
    const [, mapping] = only(withCallbacks.api, 'AWS::Lambda::EventSourceMapping');
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: fnId },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('gives the dispatcher the token and its queue, and no table', () => {
    const [, fn] = dispatcherOf(withCallbacks.api)!;
    const roleId = fn.Properties!.Role['Fn::GetAtt'][0] as string;
    const statements = resourcesOf(withCallbacks.api, 'AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties!.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as PolicyStatementJson[]);
    const actions = statements.flatMap((statement) => asList(statement.Action));
    expect(actions).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'secretsmanager:GetSecretValue']),
    );
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    const [secretId] = only(withCallbacks.api, 'AWS::SecretsManager::Secret');
    for (const statement of statements.filter((s) => asList(s.Action).some((action) => action.startsWith('secretsmanager:')))) {
      expect(statement.Resource).toEqual({ Ref: secretId });
    }
  });

  it('alarms (to the alarm topic) as soon as one callback is in the dead-letter queue', () => {
    const queues = eventsResourcesOf(withCallbacks.api, 'AWS::SQS::Queue');
    const [dlqId] = queues.find(([, q]) => !q.Properties?.RedrivePolicy)!;
    const alarms = resourcesOf(withCallbacks.api, 'AWS::CloudWatch::Alarm').filter(([, alarm]) =>
      JSON.stringify(alarm.Properties!.Dimensions ?? []).includes(dlqId),
    );
    expect(alarms).toHaveLength(1);
    const [, alarm] = alarms[0]!;
    const topics = resourcesOf(withCallbacks.api, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const [topicId] = topics[0]!;
    expect(alarm.Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      AlarmActions: [{ Ref: topicId }],
    });
  });
});

describe('cdk-nag AwsSolutions with callbacks configured', () => {
  it('reports no unacknowledged finding', () => {
    const report = new AwsSolutionsChecks(withCallbacks.app).validateScope(withCallbacks.app);
    expect(report.violations.map((v) => `${v.ruleName}: ${JSON.stringify(v.violatingResources.map((r) => r.templatePath))}`)).toEqual([]);
  });
});
