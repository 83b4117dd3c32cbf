import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { observabilityConfig } from './config.js';
import type { DynamoUsage } from './meter.js';

/** One structured JSON logger per process (request id and user id are appended per call). */
export const logger = new Logger({
  serviceName: observabilityConfig().serviceName,
  logLevel: observabilityConfig().logLevel as 'INFO',
});

/** Values longer than this many characters are logged cut (ids, free text, paths: anything a caller chose). */
export const LOG_VALUE_MAX_CHARS = 32;

/**
 * A caller-chosen value as logs carry it: whole if short, else a prefix and its length
 * (`abc…(10240 chars)`), so no attacker-sized value reaches the logs (docs/identity-and-privacy.md).
 */
export function clipForLog(value: string, max = LOG_VALUE_MAX_CHARS): string {
  if (value.length <= max) return value;
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return `${chars.slice(0, max).join('')}…(${chars.length} chars)`;
}

/** An error's message as logs carry it: our messages may quote what the caller sent (an id, a path). */
const ERROR_MESSAGE_MAX_CHARS = 96;

/** An error, for `logger.error`, with its message (also the stack's first line) clipped. */
export function loggableError(error: unknown): { name: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { name: typeof error, message: clipForLog(String(error), ERROR_MESSAGE_MAX_CHARS) };
  const message = clipForLog(error.message, ERROR_MESSAGE_MAX_CHARS);
  const stack = error.stack?.replace(error.message, message);
  return { name: error.name, message, ...(stack ? { stack } : {}) };
}

/**
 * Per-endpoint metrics (CloudWatch EMF). Names the stack's alarms and dashboard read; keep in step
 * with `infra/constructs/operations.ts`.
 */
export const METRIC_NAMES = {
  requests: 'Requests',
  /** Refused with a domain error (bad input, not found, unauthenticated …): the dialect's 4xx or code. */
  refusals: 'Refusals',
  /** Anything else that escaped the use case: answered as an internal error (5xx, Tencent 50004). */
  faults: 'Faults',
  dynamoCalls: 'DynamoCalls',
  dynamoRoundTrips: 'DynamoRoundTrips',
  readCapacity: 'ConsumedReadCapacity',
  writeCapacity: 'ConsumedWriteCapacity',
} as const;
export const METRIC_ENDPOINT_DIMENSION = 'endpoint';

const metrics = new Metrics({
  namespace: observabilityConfig().metricsNamespace,
  serviceName: observabilityConfig().serviceName,
});

export type RequestOutcome = 'ok' | 'refused' | 'fault';

/**
 * Publishes one request's metrics at once (a Lambda container serves one request at a time, so
 * nothing can interleave). Does nothing outside Lambda: no EMF lines in `npm start` or the tests.
 */
export function recordRequestMetrics(endpointName: string, outcome: RequestOutcome, usage: DynamoUsage): void {
  if (!observabilityConfig().metricsEnabled) return;
  metrics.addDimension(METRIC_ENDPOINT_DIMENSION, endpointName);
  metrics.addMetric(METRIC_NAMES.requests, MetricUnit.Count, 1);
  metrics.addMetric(METRIC_NAMES.refusals, MetricUnit.Count, outcome === 'refused' ? 1 : 0);
  metrics.addMetric(METRIC_NAMES.faults, MetricUnit.Count, outcome === 'fault' ? 1 : 0);
  metrics.addMetric(METRIC_NAMES.dynamoCalls, MetricUnit.Count, usage.calls);
  metrics.addMetric(METRIC_NAMES.dynamoRoundTrips, MetricUnit.Count, usage.roundTrips);
  metrics.addMetric(METRIC_NAMES.readCapacity, MetricUnit.Count, usage.readUnits);
  metrics.addMetric(METRIC_NAMES.writeCapacity, MetricUnit.Count, usage.writeUnits);
  metrics.publishStoredMetrics();
}
