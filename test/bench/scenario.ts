import type { Route } from '../../lib/routes/route.js';
import { metered, type DynamoUsage } from '../../lib/meter.js';
import { prepareCall, type CallOptions } from '../support/call.js';

/**
 * One benchmark row: an endpoint on a given data shape, measured through its real handler and,
 * side by side in the same run, as the bare SDK calls its access pattern needs.
 */
export interface Scenario {
  route: Route;
  /** The data the request runs on: "1,000 friends". */
  data: string;
  /** The bare SDK calls in words, for the table: "Query FRIEND#". */
  pattern: string;
  /** Requests measured per side (after warm-up): 100 or more where state allows, for a steady p50; a few heavy writes use fewer. */
  runs: number;
  /** Unmeasured requests per side first (default WARMUP). */
  warmup?: number;
  /** Sequential round trips the data needs at best (pages of a list, dependent reads). */
  expectedRoundTrips: number;
  /** Makes the state `request(i)` and `bare(i)` need, for i < runs + warm-up (each side its own). */
  prepare?(count: number): Promise<void>;
  /** The i-th request through the handler. */
  request(i: number): CallOptions;
  /** The i-th request as bare SDK calls (its own data, so writes never collide with the handler's). */
  bare(i: number): Promise<unknown>;
}

/** Unmeasured requests per side before a scenario is measured: the handler path and DynamoDB Local warm, as in a container that is serving. */
export const WARMUP = 30;

export interface SideResult {
  p50: number;
  p99: number;
  usage: DynamoUsage;
}

export interface ScenarioResult {
  endpoint: string;
  family: string;
  data: string;
  pattern: string;
  access: Route['access'];
  runs: number;
  expectedRoundTrips: number;
  handler: SideResult;
  bare: SideResult;
  /** Measured requests whose baseline did not send what the handler sent (calls per command, items per call). */
  requestMismatches: number;
}

/** What a request sent: items per call, calls per command. */
const requestsOf = (usage: DynamoUsage) => JSON.stringify([usage.requestItems, Object.entries(usage.byCommand).sort()]);

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The usage of a side: the median request's (requests of one scenario cost the same unless a race retried). */
function medianUsage(usages: DynamoUsage[]): DynamoUsage {
  const sorted = [...usages].sort((a, b) => a.readUnits + a.writeUnits - (b.readUnits + b.writeUnits) || a.calls - b.calls);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A success in the route's dialect; anything else stops the benchmark (it would measure an error path). */
function assertSuccess(route: Route, status: number | undefined, body: unknown): void {
  const parsed = typeof body === 'string' && body ? JSON.parse(body) : undefined;
  const ok = (status ?? 200) === 200 && (route.dialect !== 'tencent' || parsed?.ActionStatus === 'OK');
  if (!ok) throw new Error(`${route.method} ${route.path} answered ${status}: ${String(body).slice(0, 300)}`);
}

/** Runs a scenario: warm-up, then handler and bare requests interleaved (alternating which goes first). */
export async function measure(family: string, scenario: Scenario): Promise<ScenarioResult> {
  const warmup = scenario.warmup ?? WARMUP;
  await scenario.prepare?.(scenario.runs + warmup);
  const times = { handler: [] as number[], bare: [] as number[] };
  const usages = { handler: [] as DynamoUsage[], bare: [] as DynamoUsage[] };
  const runHandler = async (i: number, record: boolean) => {
    // the event and handler are made before the clock starts (API Gateway's work, not ours)
    const invoke = await prepareCall(scenario.route, scenario.request(i));
    const started = performance.now();
    const { result, usage } = await metered(invoke);
    const elapsed = performance.now() - started;
    assertSuccess(scenario.route, result.statusCode, result.body);
    if (record) {
      times.handler.push(elapsed);
      usages.handler.push(usage);
    }
  };
  const runBare = async (i: number, record: boolean) => {
    const started = performance.now();
    const { usage } = await metered(() => scenario.bare(i));
    const elapsed = performance.now() - started;
    if (record) {
      times.bare.push(elapsed);
      usages.bare.push(usage);
    }
  };
  for (let i = 0; i < warmup; i++) {
    await runHandler(i, false);
    await runBare(i, false);
  }
  for (let i = warmup; i < scenario.runs + warmup; i++) {
    if (i % 2) {
      await runHandler(i, true);
      await runBare(i, true);
    } else {
      await runBare(i, true);
      await runHandler(i, true);
    }
  }
  const side = (name: 'handler' | 'bare'): SideResult => {
    const sorted = [...times[name]].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), usage: medianUsage(usages[name]) };
  };
  return {
    endpoint: `${scenario.route.method} ${scenario.route.path}`,
    family,
    data: scenario.data,
    pattern: scenario.pattern,
    access: scenario.route.access,
    runs: scenario.runs,
    expectedRoundTrips: scenario.expectedRoundTrips,
    handler: side('handler'),
    bare: side('bare'),
    requestMismatches: usages.handler.filter((usage, i) => requestsOf(usage) !== requestsOf(usages.bare[i]!)).length,
  };
}
