import { beforeAll, describe, expect, it } from 'vitest';
import { READ_ACTIONS, WRITE_ACTIONS } from '../../infra/table-access.js';
import { streamReactions } from '../../lib/stream/reactions/index.js';
import { STREAM_CONSUMER } from '../../lib/stream/settings.js';
import { asList, synthContactbook, type CfnResource, type PolicyStatementJson } from './synth.js';

/** The table's stream and its consumer in the synthesized templates (docs/change-stream.md). */

let deployment: ReturnType<typeof synthContactbook>;
beforeAll(() => {
  deployment = synthContactbook({ alarmEmail: 'ops@example.com' });
});

const resourcesOf = (template: { toJSON(): any }, type: string): Array<[string, CfnResource]> =>
  Object.entries(template.toJSON().Resources as Record<string, CfnResource>).filter(([, resource]) => resource.Type === type);

const only = <T>(list: T[]): T => {
  expect(list).toHaveLength(1);
  return list[0]!;
};

const consumer = () =>
  only(
    resourcesOf(deployment.api, 'AWS::Lambda::Function').filter(([, fn]) =>
      String(fn.Properties!.Description).startsWith('Table stream consumer'),
    ),
  );
const mapping = () => only(resourcesOf(deployment.api, 'AWS::Lambda::EventSourceMapping'))[1].Properties!;
const failureQueueId = () => only(resourcesOf(deployment.api, 'AWS::SQS::Queue'))[0];

function statementsOf(fn: CfnResource): PolicyStatementJson[] {
  const roleId = fn.Properties!.Role['Fn::GetAtt'][0] as string;
  return resourcesOf(deployment.api, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties!.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as PolicyStatementJson[]);
}

describe('the table stream', () => {
  it('carries new and old images', () => {
    const [, table] = only(resourcesOf(deployment.data, 'AWS::DynamoDB::Table'));
    expect(table.Properties!.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });
});

describe('the stream consumer', () => {
  it("is one ContactbookFunction on the SDK layer, with the settings' timeout", () => {
    const [, fn] = consumer();
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: STREAM_CONSUMER.timeoutSeconds,
    });
    expect(fn.Properties!.Layers).toHaveLength(1);
  });

  it('reads the stream through an event source mapping with every setting of lib/stream/settings.ts', () => {
    const [fnId] = consumer();
    const props = mapping();
    expect(props.FunctionName).toEqual({ Ref: fnId });
    expect(JSON.stringify(props.EventSourceArn)).toContain('StreamArn');
    expect(props).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: STREAM_CONSUMER.batchSize,
      MaximumBatchingWindowInSeconds: STREAM_CONSUMER.maxBatchingWindowSeconds,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: STREAM_CONSUMER.retryAttempts,
      MaximumRecordAgeInSeconds: STREAM_CONSUMER.maxRecordAgeSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ParallelizationFactor: 1,
    });
    expect(STREAM_CONSUMER.retryAttempts).toBeGreaterThan(0);
    expect(props.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [failureQueueId(), 'Arn'] });
  });

  it('wakes only for records a registered reaction acts on: one filter per reaction, its pattern', () => {
    const filters = mapping().FilterCriteria.Filters as Array<{ Pattern: string }>;
    expect(filters.map((filter) => JSON.parse(filter.Pattern))).toEqual(streamReactions.map((reaction) => reaction.filterPattern));
    expect(filters.length).toBeLessThanOrEqual(5);
  });

  it("keeps failed records' positions on an encrypted, TLS-only queue for 14 days", () => {
    const [, queue] = only(resourcesOf(deployment.api, 'AWS::SQS::Queue'));
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const policy = only(resourcesOf(deployment.api, 'AWS::SQS::QueuePolicy'))[1];
    expect(JSON.stringify(policy.Properties!.PolicyDocument)).toContain('aws:SecureTransport');
  });

  it('may read and write the table, read its stream, send to its failure queue, and nothing more', () => {
    const statements = statementsOf(consumer()[1]);
    const actions = statements.flatMap((statement) => asList(statement.Action));
    const tableArn = deployment.stateless.resolve(deployment.stateful.table.tableArn);
    const streamArn = deployment.stateless.resolve(deployment.stateful.table.tableStreamArn);
    for (const statement of statements) {
      const statementActions = asList(statement.Action);
      if (statementActions.some((action) => (WRITE_ACTIONS as readonly string[]).includes(action)))
        expect(statement.Resource).toEqual(tableArn);
      if (statementActions.includes('dynamodb:GetRecords')) {
        expect(statement.Resource).toEqual(streamArn);
        expect(statementActions.sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']);
      }
      if (statementActions.some((action) => action.startsWith('sqs:'))) {
        expect(statement.Resource).toEqual({ 'Fn::GetAtt': [failureQueueId(), 'Arn'] });
      }
      if (statement.Resource === '*') {
        // only what supports no resource-level permission
        expect(
          statementActions.every((action) =>
            ['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'].includes(action),
          ),
        ).toBe(true);
      }
    }
    expect(new Set(actions.filter((action) => action.startsWith('dynamodb:')))).toEqual(
      new Set([
        ...READ_ACTIONS,
        ...WRITE_ACTIONS,
        'dynamodb:Query',
        'dynamodb:ListStreams',
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
      ]),
    );
    expect(actions).not.toContain('dynamodb:Scan');
    expect(JSON.stringify(statements)).not.toContain('secretsmanager');
  });

  it('alarms on any failed record in the queue, consumer errors and iterator age, each notifying the e-mail topic', () => {
    const [topicId] = only(resourcesOf(deployment.api, 'AWS::SNS::Topic'));
    const alarms = resourcesOf(deployment.api, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties!);
    const queueDepth = only(alarms.filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible'));
    expect(queueDepth).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(JSON.stringify(queueDepth.Dimensions)).toContain(failureQueueId());
    const errors = only(
      alarms.filter((alarm) => alarm.MetricName === 'Errors' && JSON.stringify(alarm.Dimensions).includes(consumer()[0])),
    );
    const lag = only(alarms.filter((alarm) => alarm.MetricName === 'IteratorAge'));
    expect(lag).toMatchObject({ Threshold: 60_000 });
    for (const alarm of [queueDepth, errors, lag]) expect(JSON.stringify(alarm.AlarmActions)).toContain(topicId);
  });
});
