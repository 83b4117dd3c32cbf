import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import * as z from 'zod';

/**
 * Deploy configuration, read from CDK context (`cdk.json` "context", or `-c key=value`).
 * Every key has a documented default so `npm run synth` works on a fresh clone;
 * docs/operations.md#configuration lists the same keys.
 */
const csv = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter(Boolean));
/** The retention periods CloudWatch Logs accepts (`logs.RetentionDays`, without "never expire"). */
const LOG_RETENTION_DAYS = Object.values(RetentionDays).filter(
  (value): value is number => typeof value === 'number' && value !== RetentionDays.INFINITE,
);
const positiveInt = z.coerce.number().int().positive();

const contextSchema = z
  .object({
    /** Suffix of every stack name and the metrics service name. @default 'dev' */
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, 'stage: lower-case letters, digits and -')
      .default('dev'),
    /** CORS origins of the HTTP API (the one place CORS is set). @default ['*'] */
    allowedOrigins: csv.default(['*']),
    /** External OIDC issuer URL; with `audience`, replaces the Cognito user pool. @default none (Cognito) */
    issuer: z.url().optional(),
    /** Accepted `aud` / `client_id` values of the external issuer's tokens. @default none */
    audience: csv.optional(),
    /** Powertools log level of every function. @default 'INFO' */
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
    /** Who gets alarm e-mails (an SNS subscription to confirm). @default none: alarms without actions */
    alarmEmail: z.email().optional(),
    /** Days every log group (functions, API access log) keeps logs; one of CloudWatch's periods. @default 30 */
    logRetentionDays: positiveInt
      .refine((days) => LOG_RETENTION_DAYS.includes(days), { message: `one of ${LOG_RETENTION_DAYS.join(', ')}` })
      .default(30),
    /** Steady-state requests per second of the API stage. @default 100 */
    throttleRate: positiveInt.default(100),
    /** Burst of the API stage. @default 200 */
    throttleBurst: positiveInt.default(200),
    /** p99 latency (ms) above which the latency alarm fires. @default 1000 */
    latencyP99Ms: positiveInt.default(1000),
    /** The Tencent IM app whose admin calls `/v4/*`. @default 1400000000 (the local app of docs/behaviour.md#callers-and-credentials) */
    timSdkAppId: z.coerce.string().regex(/^\d+$/).default('1400000000'),
    /** The Tencent app's admin identifier. @default 'administrator' */
    timAdmin: z.string().min(1).default('administrator'),
    /** The app server's Tencent third-party callback URL: relationship changes are POSTed to it (docs/events-and-callbacks.md). @default none: no callbacks */
    timCallbackUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Cognito hosted-domain prefix (globally unique per region). @default `contactbook-<stage>-<account>` */
    authDomainPrefix: z.string().optional(),
    /** OAuth callback URLs of the app client (Cognito). @default ['http://localhost:3000/callback'] */
    authCallbackUrls: csv.default(['http://localhost:3000/callback']),
  })
  .refine((config) => (config.issuer === undefined) === (config.audience === undefined), {
    message: 'issuer and audience go together: give both (external OIDC) or neither (Cognito)',
  });

export type DeployConfig = z.infer<typeof contextSchema>;

/** The context keys read: the schema's own (a refined object keeps its shape). */
export const CONTEXT_KEYS = Object.keys(contextSchema.shape) as Array<keyof DeployConfig>;

/** Reads and checks the context; a bad value stops synth with the key and the reason. */
export function deployConfig(node: Node): DeployConfig {
  const raw = Object.fromEntries(CONTEXT_KEYS.map((key) => [key, node.tryGetContext(key)]).filter(([, value]) => value !== undefined));
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `bad CDK context: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'context'}: ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
