import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { observabilityConfig } from './config.js';
import type { DynamoUsage } from './meter.js';

/** One structured JSON logger per process (request id and user id are appended per call). */
export const logger = new Logger({
  serviceName: observabilityConfig().serviceName,
  logLevel: observabilityConfig().logLevel as 'INFO',
});

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
