import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRIC_ENDPOINT_DIMENSION, METRIC_NAMES } from '../../lib/observability.js';
import { chunks } from '../../lib/store/batch.js';

export interface OperationsProps {
  stage: string;
  api: apigwv2.HttpApi;
  /** Every function of the stack (routes and authorizer). */
  functions: lambda.IFunction[];
  table: dynamodb.ITable;
  /** The Powertools service name: the `service` dimension of the per-endpoint metrics. */
  serviceName: string;
  metricsNamespace: string;
  /** @default 1 s */
  latencyP99?: Duration;
  /** Subscribed to the alarm topic. @default none: alarms are created without actions */
  alarmEmail?: string;
  /** Alarms made elsewhere (the stream consumer's), notified and shown like these. @default none */
  extraAlarms?: cloudwatch.AlarmBase[];
}

const PERIOD = Duration.minutes(5);
/** The DynamoDB operations the code uses (no Scan). */
const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.BATCH_WRITE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

/**
 * Alarms and the dashboard. Alarms: the API's 5xx rate, its p99 latency, any Lambda throttle (one
 * alarm per 10 functions, as a metric-math alarm reads at most 10 metrics, under one composite),
 * DynamoDB system errors and throttled requests. With an alarm e-mail every alarm notifies an
 * encrypted SNS topic.
 */
export class Operations extends Construct {
  readonly alarms: cloudwatch.IAlarm[] = [];
  readonly topic: sns.Topic | undefined;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { api, table } = props;
    if (props.alarmEmail) this.topic = alarmTopic(this, props.alarmEmail);
    const notify = (alarm: cloudwatch.AlarmBase) => {
      if (this.topic) {
        alarm.addAlarmAction(new actions.SnsAction(this.topic));
        alarm.addOkAction(new actions.SnsAction(this.topic));
      }
      this.alarms.push(alarm);
      return alarm;
    };

    for (const alarm of props.extraAlarms ?? []) notify(alarm);

    const requests = api.metricCount({ period: PERIOD, statistic: 'Sum' });
    const serverErrors = api.metricServerError({ period: PERIOD, statistic: 'Sum' });
    const serverErrorRate = new cloudwatch.MathExpression({
      // Below 20 requests in 5 minutes one failure is noise, not a rate.
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      label: '5xx rate (%)',
      period: PERIOD,
    });
    notify(
      serverErrorRate.createAlarm(this, 'Api5xxRate', {
        alarmDescription: `contactbook ${props.stage}: more than 1% of API requests answered 5xx (2 of 3 five-minute periods)`,
        threshold: 1,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    const latencyP99 = api.metricLatency({ period: PERIOD, statistic: 'p99' });
    const latencyLimit = props.latencyP99 ?? Duration.seconds(1);
    notify(
      latencyP99.createAlarm(this, 'ApiLatencyP99', {
        alarmDescription: `contactbook ${props.stage}: API p99 latency above ${latencyLimit.toMilliseconds()} ms for 15 minutes`,
        threshold: latencyLimit.toMilliseconds(),
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    // A metric-math alarm reads at most 10 metrics: one alarm per 10 functions, one composite over them.
    const throttleAlarms = chunks(props.functions, 10).map(
      (group, index) =>
        new cloudwatch.Alarm(this, `Throttles${index}`, {
          alarmDescription: `contactbook ${props.stage}: throttled: ${group.map((fn) => fn.node.id).join(', ')}`,
          metric: new cloudwatch.MathExpression({
            expression: group.map((_, i) => `t${i}`).join(' + '),
            usingMetrics: Object.fromEntries(group.map((fn, i) => [`t${i}`, fn.metricThrottles({ period: PERIOD, statistic: 'Sum' })])),
            period: PERIOD,
          }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
    );
    notify(
      new cloudwatch.CompositeAlarm(this, 'LambdaThrottles', {
        alarmDescription: `contactbook ${props.stage}: a function was throttled (the Throttles alarms say which)`,
        alarmRule: cloudwatch.AlarmRule.anyOf(...throttleAlarms),
      }),
    );

    const tableSystemErrors = table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD });
    notify(
      new cloudwatch.Alarm(this, 'TableSystemErrors', {
        metric: tableSystemErrors,
        alarmDescription: `contactbook ${props.stage}: DynamoDB answered with system errors (HTTP 500)`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    const tableThrottles = table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD });
    notify(
      new cloudwatch.Alarm(this, 'TableThrottles', {
        metric: tableThrottles,
        alarmDescription: `contactbook ${props.stage}: DynamoDB throttled requests (2 of 3 five-minute periods)`,
        threshold: 1,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `contactbook-${props.stage}` });
    const perEndpoint = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('{${props.metricsNamespace},${METRIC_ENDPOINT_DIMENSION},service} MetricName="${metricName}" service="${props.serviceName}"', '${statistic}', 300)`,
        usingMetrics: {},
        label,
        period: PERIOD,
      });
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }));
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and errors',
        left: [requests, api.metricClientError({ period: PERIOD, statistic: 'Sum' }), serverErrors],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency',
        left: ['p50', 'p90', 'p99'].map((statistic) => api.metricLatency({ period: PERIOD, statistic, label: statistic })),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      // One math expression per graph: both name their per-operation metrics alike.
      new cloudwatch.GraphWidget({ title: 'DynamoDB system errors', left: [tableSystemErrors], width: 12 }),
      new cloudwatch.GraphWidget({ title: 'DynamoDB throttled requests', left: [tableThrottles], width: 12 }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Requests per endpoint', left: [perEndpoint(METRIC_NAMES.requests, 'Sum', '')], width: 8 }),
      new cloudwatch.GraphWidget({
        title: 'Refusals and faults per endpoint',
        left: [perEndpoint(METRIC_NAMES.refusals, 'Sum', 'refused ')],
        right: [perEndpoint(METRIC_NAMES.faults, 'Sum', 'fault ')],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Consumed capacity per endpoint (average per request)',
        left: [perEndpoint(METRIC_NAMES.readCapacity, 'Average', 'RCU ')],
        right: [perEndpoint(METRIC_NAMES.writeCapacity, 'Average', 'WCU ')],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Table consumed capacity',
        left: [table.metricConsumedReadCapacityUnits({ period: PERIOD }), table.metricConsumedWriteCapacityUnits({ period: PERIOD })],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'DynamoDB round trips per request (average)',
        left: [perEndpoint(METRIC_NAMES.dynamoRoundTrips, 'Average', '')],
        width: 12,
      }),
    );
  }
}

/** The alarm topic: encrypted with its own key, which CloudWatch may use (the AWS-managed SNS key it may not). */
function alarmTopic(scope: Construct, email: string): sns.Topic {
  const key = new kms.Key(scope, 'AlarmTopicKey', { enableKeyRotation: true, description: 'Encrypts the contactbook alarm topic' });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }),
  );
  const topic = new sns.Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true, displayName: 'contactbook alarms' });
  topic.addSubscription(new subscriptions.EmailSubscription(email));
  return topic;
}
