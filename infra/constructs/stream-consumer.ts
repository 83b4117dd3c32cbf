import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StreamReaction } from '../../lib/stream/reaction.js';
import { STREAM_CONSUMER } from '../../lib/stream/settings.js';
import { STREAM_CONSUMER_HANDLER } from '../function-entries.js';
import { ContactbookFunction, type ContactbookFunctionProps } from './contactbook-function.js';

export interface StreamConsumerProps extends Pick<ContactbookFunctionProps, 'serviceName' | 'logLevel' | 'logRetention' | 'sdkLayer'> {
  stage: string;
  /** The table, with its stream. */
  table: ITable;
  /** The registered reactions: the mapping's filter is one pattern per reaction. */
  reactions: readonly StreamReaction[];
}

/** The event source mapping's filter: a record passes if any reaction's pattern matches it. */
export const streamFilters = (reactions: readonly StreamReaction[]) =>
  reactions.map((reaction) => lambda.FilterCriteria.filter(reaction.filterPattern));

/**
 * The table's stream consumer (docs/change-stream.md): one function fed by a Lambda event source
 * mapping on the table's stream, filtered to the records some reaction acts on, bisecting a failing
 * batch, retrying it a bounded number of times, and sending what still fails to an SQS queue (the
 * records' stream positions, for replay). Alarms: any message on that queue, any consumer error, and
 * an iterator age above a minute (copies lagging).
 */
export class StreamConsumer extends Construct {
  readonly fn: ContactbookFunction;
  readonly failures: sqs.Queue;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    const settings = STREAM_CONSUMER;
    this.fn = new ContactbookFunction(this, 'Function', {
      serviceName: props.serviceName,
      logLevel: props.logLevel,
      logRetention: props.logRetention,
      sdkLayer: props.sdkLayer,
      handler: STREAM_CONSUMER_HANDLER,
      description: 'Table stream consumer: copies and the work that follows a change (docs/change-stream.md)',
      timeout: Duration.seconds(settings.timeoutSeconds),
    }).bindTable(props.table, { access: 'write', auth: 'usersig' });

    this.failures = new sqs.Queue(this, 'Failures', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: settings.batchSize,
        maxBatchingWindow: Duration.seconds(settings.maxBatchingWindowSeconds),
        bisectBatchOnError: true,
        retryAttempts: settings.retryAttempts,
        maxRecordAge: Duration.seconds(settings.maxRecordAgeSeconds),
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.failures),
        filters: streamFilters(props.reactions),
      }),
    );

    const period = Duration.minutes(5);
    const describe = (what: string) => `contactbook ${props.stage}: ${what} (docs/change-stream.md)`;
    this.alarms = [
      new cloudwatch.Alarm(this, 'FailedRecords', {
        alarmDescription: describe('stream records failed after every retry and wait in the failure queue for replay'),
        metric: this.failures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'ConsumerErrors', {
        alarmDescription: describe('the stream consumer failed invocations'),
        metric: this.fn.metricErrors({ period, statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'ConsumerLag', {
        alarmDescription: describe("stream copies lag: the consumer's iterator age is above one minute"),
        metric: this.fn.metric('IteratorAge', { period, statistic: 'Maximum' }),
        threshold: 60_000,
        evaluationPeriods: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
