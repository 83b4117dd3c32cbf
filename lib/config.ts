/**
 * The one place that reads the environment. Each section is read once, on first use, and
 * throws at once when a required variable is missing, so a misconfigured function fails on
 * its first request with a clear message instead of misbehaving later.
 */
function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} environment variable is not set`);
  return value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function once<T>(read: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: read() }).v;
}

/** Where the single table lives. */
export const tableConfig = once(() => ({
  tableName: required('TABLE_NAME'),
  /** Set only for DynamoDB Local. */
  endpoint: optional('DYNAMODB_ENDPOINT'),
  region: optional('AWS_REGION') ?? 'us-east-1',
}));

/** HS256 secret for the local gateway's JWT check; the cloud uses the HTTP API JWT authorizer. */
export const localJwtConfig = once(() => ({ secret: required('LOCAL_JWT_SECRET') }));

/** The Tencent IM app whose admin calls `/v4/*`. */
export const timConfig = once(() => ({
  sdkAppId: Number(required('TIM_SDKAPPID')),
  admin: required('TIM_ADMIN'),
  /** The key itself (local), or the Secrets Manager secret that holds it (cloud). */
  secretKey: optional('TIM_SECRET_KEY'),
  secretArn: optional('TIM_SECRET_ARN'),
}));

export const observabilityConfig = once(() => ({
  serviceName: optional('POWERTOOLS_SERVICE_NAME') ?? 'contactbook',
  logLevel: optional('LOG_LEVEL') ?? 'INFO',
  metricsNamespace: optional('POWERTOOLS_METRICS_NAMESPACE') ?? 'Contactbook',
  /**
   * Metrics go out (as EMF lines on stdout) only inside Lambda, where CloudWatch reads them;
   * `npm start` and the tests stay quiet. `POWERTOOLS_METRICS_DISABLED=true` turns them off in Lambda too.
   */
  metricsEnabled: optional('AWS_LAMBDA_FUNCTION_NAME') !== undefined && optional('POWERTOOLS_METRICS_DISABLED') !== 'true',
}));

/** Defaults that make `npm start` and the tests work with no setup (docs/behaviour.md#callers-and-credentials). */
export const LOCAL_DEFAULTS = {
  LOCAL_JWT_SECRET: 'local-dev-secret',
  TIM_SDKAPPID: '1400000000',
  TIM_SECRET_KEY: 'local-tim-secret',
  TIM_ADMIN: 'administrator',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  /** Lambda runs Node 22; the SDK's notice about Node 20 only clutters local output. */
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
} as const;
