import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, LogLevel as EsbuildLogLevel, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { Route } from '../../lib/routes/route.js';
import { esbuildOptions, RUNTIME_TARGET } from '../bundling.js';
import { functionEntry } from '../function-entries.js';
import { tableStatements } from '../table-access.js';

export interface ContactbookFunctionProps {
  /** Module under `functions/`, without extension: `friendship/invite`. */
  handler: string;
  description?: string;
  /** Environment beside the common one (service name, log level, source maps). @default {} */
  environment?: Record<string, string>;
  /** How long the function's log group keeps logs. @default one month */
  logRetention?: logs.RetentionDays;
  /** Powertools log level. @default 'INFO' */
  logLevel?: string;
  /** Powertools service name (also the metrics' `service` dimension). @default 'contactbook' */
  serviceName?: string;
  /** The stack's AWS SDK layer, which the bundle imports the SDK from (`infra/sdk-layer.ts`). */
  sdkLayer: lambda.ILayerVersion;
  /** @default 256 */
  memorySize?: number;
  /** API Gateway gives up at 30 s; a function should answer well before. @default 10 s */
  timeout?: Duration;
}

/**
 * NodejsFunction with the project's defaults fixed once: nodejs22.x on ARM64, bundled with the
 * esbuild settings of `infra/bundling.ts`, the SDK layer the bundle imports the SDK from, active
 * X-Ray tracing, its own log group with retention, JSON logs, and a role that may write only to
 * that log group. Table access is granted per route with `bindTable` (least privilege, see
 * `infra/table-access.ts`).
 */
export class ContactbookFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ContactbookFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.handler}`,
    });
    // Instead of AWSLambdaBasicExecutionRole (any log group): only its own.
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    super(scope, id, {
      entry: functionEntry(props.handler),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      role,
      layers: [props.sdkLayer],
      bundling: nodejsBundling(),
      description: props.description ?? props.handler,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'contactbook',
        LOG_LEVEL: props.logLevel ?? 'INFO',
        // The bundles carry source maps (sources left out); this makes stack traces point at lib/.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });
  }

  /** Gives the function the table (TABLE_NAME) with its route's access and nothing more. */
  bindTable(table: ITable, route: Pick<Route, 'access' | 'auth'>): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    for (const statement of tableStatements(table, route)) this.addToRolePolicy(statement);
    return this;
  }
}

/**
 * `infra/bundling.ts` expressed as NodejsFunction bundling options, so the deployed bundle is the
 * one `npm run bundle-sizes` measures.
 */
export function nodejsBundling(): BundlingOptions {
  const options = esbuildOptions('entry', 'out.mjs');
  return {
    format: options.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
    target: RUNTIME_TARGET,
    minify: options.minify,
    sourceMap: Boolean(options.sourcemap),
    sourcesContent: options.sourcesContent,
    mainFields: options.mainFields,
    externalModules: options.external,
    banner: options.banner?.js,
    logLevel: EsbuildLogLevel.ERROR,
    esbuildArgs: {
      '--tree-shaking': String(options.treeShaking),
      ...Object.fromEntries(Object.entries(options.alias ?? {}).map(([module, file]) => [`--alias:${module}`, file])),
    },
  };
}
