import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { CORS_POLICY } from '../lib/http/cors.js';
import { routeFunctionName, type Route } from '../lib/routes/route.js';
import { streamReactions } from '../lib/stream/reactions/index.js';
import type { DeployConfig } from './config.js';
import { ContactbookFunction } from './constructs/contactbook-function.js';
import { Events } from './constructs/events.js';
import { Operations } from './constructs/operations.js';
import { SdkLayer } from './constructs/sdk-layer.js';
import { StreamConsumer } from './constructs/stream-consumer.js';
import { USERSIG_AUTHORIZER_HANDLER } from './function-entries.js';
import type { JwtTrust } from './stateful-stack.js';

export const METRICS_NAMESPACE = 'Contactbook';
/** Identity sources of the usersig authorizer: its results are cached per distinct triple. */
export const USERSIG_IDENTITY_SOURCES = ['sdkappid', 'identifier', 'usersig'].map((name) => `$request.querystring.${name}`);
export const USERSIG_CACHE_TTL = Duration.minutes(5);

export interface StatelessStackProps extends StackProps {
  config: DeployConfig;
  table: ITable;
  timSecret: ISecret;
  jwt: JwtTrust;
  /** The route table; one function per row. */
  routes: readonly Route[];
}

/**
 * Code and the API, safe to redeploy or replace at will: one function per route of the table (all
 * importing the SDK from one layer), the HTTP API (CORS, throttling, access logs, both
 * authorizers), the table's stream consumer and the operations layer (alarms, dashboard).
 */
export class StatelessStack extends Stack {
  readonly api: apigwv2.HttpApi;
  readonly routeFunctions = new Map<Route, ContactbookFunction>();
  readonly usersigAuthorizer: ContactbookFunction | undefined;
  /** The event bus, and the Tencent callback dispatcher when a callback URL is configured. */
  readonly events: Events;
  readonly streamConsumer: StreamConsumer;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table, jwt, routes } = props;
    const serviceName = `contactbook-${config.stage}`;
    const logRetention = config.logRetentionDays as logs.RetentionDays;
    const sdkLayer = new SdkLayer(this, 'AwsSdkLayer');
    const common = { serviceName, logLevel: config.logLevel, logRetention, sdkLayer };
    const timEnvironment = { TIM_SDKAPPID: config.timSdkAppId, TIM_ADMIN: config.timAdmin };

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: `contactbook-${config.stage}`,
      description: 'Contactbook: SealTalk, FeatAPI and Tencent IM dialects',
      createDefaultStage: false,
      // The one place CORS is configured: handlers never set CORS headers.
      corsPreflight: {
        allowOrigins: config.allowedOrigins,
        allowMethods: CORS_POLICY.allowMethods.map((method) => apigwv2.CorsHttpMethod[method]),
        allowHeaders: [...CORS_POLICY.allowHeaders],
        maxAge: Duration.seconds(CORS_POLICY.maxAgeSeconds),
      },
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logRetention });
    const stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.throttleRate, burstLimit: config.throttleBurst },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs), format: accessLogFormat() },
    });

    const jwtAuthorizer = new HttpJwtAuthorizer('JwtAuthorizer', jwt.issuer, { jwtAudience: jwt.audience });
    let usersigAuthorizer: HttpLambdaAuthorizer | undefined;
    if (routes.some((route) => route.auth === 'usersig')) {
      this.usersigAuthorizer = new ContactbookFunction(this, 'UsersigAuthorizer', {
        ...common,
        handler: USERSIG_AUTHORIZER_HANDLER,
        description: 'Usersig check of /v4/* (Lambda REQUEST authorizer)',
        environment: { ...timEnvironment, TIM_SECRET_ARN: props.timSecret.secretArn },
      });
      props.timSecret.grantRead(this.usersigAuthorizer);
      usersigAuthorizer = new HttpLambdaAuthorizer('UsersigAuthorizer', this.usersigAuthorizer, {
        responseTypes: [HttpLambdaResponseType.SIMPLE],
        identitySource: USERSIG_IDENTITY_SOURCES,
        resultsCacheTtl: USERSIG_CACHE_TTL,
      });
    }

    for (const route of routes) {
      const name = routeFunctionName(route);
      if (this.node.tryFindChild(name)) throw new Error(`two routes share the function name ${name} (${route.handler})`);
      const fn = new ContactbookFunction(this, name, {
        ...common,
        handler: route.handler,
        description: `${route.method} ${route.path}`,
        environment: {
          POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
          ...(route.auth === 'usersig' ? timEnvironment : {}),
        },
      }).bindTable(table, route);
      this.routeFunctions.set(route, fn);
      this.api.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${name}Integration`, fn),
        ...(route.auth === 'usersig'
          ? { authorizer: usersigAuthorizer! }
          : { authorizer: jwtAuthorizer, authorizationScopes: route.scopes.map((scope) => `${jwt.scopePrefix}${scope}`) }),
      });
    }

    this.streamConsumer = new StreamConsumer(this, 'StreamConsumer', { ...common, stage: config.stage, table, reactions: streamReactions });
    this.events = new Events(this, 'Events', {
      stage: config.stage,
      callbackUrl: config.timCallbackUrl,
      functionDefaults: common,
      timEnvironment,
    });
    // The consumer's publish-events reaction puts the domain events on the bus (docs/events-and-callbacks.md).
    this.events.grantPublish(this.streamConsumer.fn);

    new Operations(this, 'Operations', {
      stage: config.stage,
      api: this.api,
      functions: [
        ...this.routeFunctions.values(),
        ...(this.usersigAuthorizer ? [this.usersigAuthorizer] : []),
        this.streamConsumer.fn,
        ...(this.events.dispatcher ? [this.events.dispatcher] : []),
      ],
      extraAlarms: [...this.streamConsumer.alarms, ...this.events.alarms],
      table,
      serviceName,
      metricsNamespace: METRICS_NAMESPACE,
      latencyP99: Duration.millis(config.latencyP99Ms),
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the API' });
  }
}

/** One JSON line per request: who, what, how it ended and how long each part took. */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      time: '$context.requestTime',
      ip: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLength: '$context.responseLength',
      latencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      userId: '$context.authorizer.claims.sub',
      authorizerError: '$context.authorizer.error',
    }),
  );
}
