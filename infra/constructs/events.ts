import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE, RELATIONSHIP_EVENT_TYPES } from '../../lib/events/catalogue.js';
import { CALLBACK_DISPATCHER_HANDLER } from '../function-entries.js';
import { ContactbookFunction, type ContactbookFunctionProps } from './contactbook-function.js';

/** Wait before each redelivery of a failed callback (ms): the dispatcher hides the message this long (docs/events-and-callbacks.md). */
export const CALLBACK_RETRY_DELAYS_MS = [10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_200_000];
/** Deliveries of one callback before SQS moves it to the dead-letter queue: one more than the retries. */
export const CALLBACK_MAX_RECEIVES = CALLBACK_RETRY_DELAYS_MS.length + 1;
/** How long one delivery attempt may take. */
export const CALLBACK_TIMEOUT_MS = 5000;
const DISPATCHER_TIMEOUT = Duration.seconds(15);

export interface EventsProps {
  stage: string;
  /** The app server's Tencent callback URL (context `timCallbackUrl`); none: no callbacks, the bus only. */
  callbackUrl?: string;
  /** What every function of the stack shares (service name, log level, retention, SDK layer). */
  functionDefaults: Omit<ContactbookFunctionProps, 'handler'>;
  /** Tencent app id and admin, as the `/v4` functions get them. */
  timEnvironment: Record<string, string>;
}

/**
 * Domain events and Tencent-compatible callbacks (docs/events-and-callbacks.md): the custom
 * EventBridge bus the stream consumer publishes to and, given a callback URL, a rule sending the
 * relationship events to an SQS queue, the dispatcher function that delivers them (token in
 * Secrets Manager), retried with backoff up to `CALLBACK_MAX_RECEIVES` times, then a dead-letter
 * queue with an alarm on its depth.
 */
export class Events extends Construct {
  readonly bus: events.EventBus;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dispatcher: ContactbookFunction | undefined;
  readonly callbackToken: secretsmanager.Secret | undefined;
  readonly queue: sqs.Queue | undefined;
  readonly deadLetters: sqs.Queue | undefined;

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: `contactbook-${props.stage}` });
    if (!props.callbackUrl) return;

    this.deadLetters = new sqs.Queue(this, 'CallbackDeadLetters', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    this.queue = new sqs.Queue(this, 'Callbacks', {
      // Lambda's advice for an SQS source: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(DISPATCHER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: CALLBACK_MAX_RECEIVES },
    });
    new events.Rule(this, 'RelationshipEvents', {
      eventBus: this.bus,
      description: 'Relationship events to the Tencent callback queue',
      eventPattern: { source: [EVENT_SOURCE], detailType: [...RELATIONSHIP_EVENT_TYPES] },
      // An event EventBridge cannot put on the queue lands with the failed callbacks.
      targets: [
        new targets.SqsQueue(this.queue, { deadLetterQueue: this.deadLetters, retryAttempts: 185, maxEventAge: Duration.hours(24) }),
      ],
    });

    // Generated at deploy time; put the app's callback token (Tencent console) with `aws secretsmanager put-secret-value`.
    this.callbackToken = new secretsmanager.Secret(this, 'CallbackToken', {
      description: `Tencent callback token (Sign of callbacks) — contactbook ${props.stage}`,
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.dispatcher = new ContactbookFunction(this, 'CallbackDispatcher', {
      ...props.functionDefaults,
      handler: CALLBACK_DISPATCHER_HANDLER,
      description: 'Delivers relationship events as Tencent third-party callbacks',
      timeout: DISPATCHER_TIMEOUT,
      environment: {
        ...props.timEnvironment,
        TIM_CALLBACK_URL: props.callbackUrl,
        TIM_CALLBACK_TOKEN_SECRET_ARN: this.callbackToken.secretArn,
        TIM_CALLBACK_RETRY_MS: CALLBACK_RETRY_DELAYS_MS.join(','),
        TIM_CALLBACK_TIMEOUT_MS: String(CALLBACK_TIMEOUT_MS),
      },
    });
    this.callbackToken.grantRead(this.dispatcher);
    this.dispatcher.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, maxBatchingWindow: Duration.seconds(1), reportBatchItemFailures: true }),
    );

    this.alarms.push(
      new cloudwatch.Alarm(this, 'CallbackDeadLettersAlarm', {
        alarmDescription: 'Tencent callbacks failed every delivery attempt: see docs/events-and-callbacks.md (dead letters)',
        metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** Lets a function (the stream consumer) publish to the bus, and tells it which bus (EVENT_BUS_NAME). */
  grantPublish(fn: iam.IGrantable & { addEnvironment(key: string, value: string): unknown }): void {
    this.bus.grantPutEventsTo(fn);
    fn.addEnvironment('EVENT_BUS_NAME', this.bus.eventBusName);
  }
}
