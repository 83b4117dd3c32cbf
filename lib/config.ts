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

/** Milliseconds between delivery attempts of a callback, e.g. `1000,2000,4000`: one attempt more than there are delays. */
function delays(name: string, fallback: string): number[] {
  const text = optional(name) ?? fallback;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (!values.length || values.some((value) => !Number.isInteger(value) || value < 0))
    throw new Error(`${name} must be a comma-separated list of milliseconds`);
  return values;
}

/**
 * Tencent-compatible third-party callbacks (docs/events-and-callbacks.md). Locally the URL and token
 * are the variables themselves; in AWS the dispatcher is given the URL and the Secrets Manager secret
 * that holds the token.
 */
export const callbackConfig = once(() => ({
  url: optional('TIM_CALLBACK_URL'),
  token: optional('TIM_CALLBACK_TOKEN'),
  tokenSecretArn: optional('TIM_CALLBACK_TOKEN_SECRET_ARN'),
  timeoutMs: Number(optional('TIM_CALLBACK_TIMEOUT_MS') ?? 5000),
  retryDelaysMs: delays('TIM_CALLBACK_RETRY_MS', '1000,2000,4000,8000,16000,32000'),
  /** Local only: where callbacks that failed every attempt are appended, one JSON line each. */
  deadLetterFile: optional('TIM_CALLBACK_DEAD_LETTER_FILE') ?? '.local-data/callbacks-dead-letter.jsonl',
}));

/** The EventBridge bus the stream consumer publishes domain events to (AWS); unset locally. */
export const eventsConfig = once(() => ({
  busName: optional('EVENT_BUS_NAME'),
  /** Inside Lambda a missing bus is a deployment error, never a reason to fall back to the local sink. */
  inLambda: optional('AWS_LAMBDA_FUNCTION_NAME') !== undefined,
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
