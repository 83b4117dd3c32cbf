import type { ColdStartResult } from './cold-start.js';
import type { ScenarioResult } from './scenario.js';

/** The performance targets (docs/performance.md#targets). */
export const TARGETS = { readRoundTripsPerPage: 1, capacityRatio: 1.2, overheadP50: 1.15, bundleBytes: 250 * 1024, loadSpeedup: 2 };

const num = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const units = (read: number, write: number) => `${num(read)} / ${num(write)}`;
const mark = (ok: boolean) => (ok ? '✅' : '❌');

export interface Verdicts {
  roundTrips?: boolean;
  capacity: boolean;
  overhead: boolean;
  /** Each bare request sent what its handler request sent (calls per command, items per call): the p50 ratio is then our code's cost alone. */
  sameRequests: boolean;
}

export function verdicts(row: ScenarioResult): Verdicts {
  const handlerUnits = row.handler.usage.readUnits + row.handler.usage.writeUnits;
  const bareUnits = row.bare.usage.readUnits + row.bare.usage.writeUnits;
  return {
    ...(row.access === 'read' ? { roundTrips: row.handler.usage.roundTrips <= TARGETS.readRoundTripsPerPage } : {}),
    capacity: bareUnits === 0 ? handlerUnits === 0 : handlerUnits <= TARGETS.capacityRatio * bareUnits,
    overhead: row.handler.p50 / row.bare.p50 < TARGETS.overheadP50,
    sameRequests: row.requestMismatches === 0,
  };
}

export function coldVerdicts(cold: ColdStartResult) {
  return { size: cold.bundleBytes < TARGETS.bundleBytes, load: cold.unbundledLoadMs >= TARGETS.loadSpeedup * cold.bundledLoadMs };
}

function coldCells(cold: ColdStartResult | undefined): string[] {
  if (!cold) return ['', '', ''];
  const v = coldVerdicts(cold);
  return [
    `${num(cold.bundleBytes / 1024)} ${mark(v.size)}`,
    `${num(cold.bundledLoadMs, 0)} / ${num(cold.unbundledLoadMs, 0)}`,
    `${num(cold.unbundledLoadMs / cold.bundledLoadMs, 2)}× ${mark(v.load)}`,
  ];
}

export interface Report {
  startedAt: string;
  machine: string;
  durationSeconds: number;
  coldSamples: number;
  scenarios: ScenarioResult[];
  coldStarts: ColdStartResult[];
  sdkReference?: { fn: string; bundleBytes: number; loadMs: number };
  /** All files of the SDK layer the bundles import (one per stack, not in any bundle). */
  sdkLayerBytes?: number;
  /** Route handler module of each endpoint (`friendship/all`), to join the cold-start columns. */
  handlerOf: Record<string, string>;
}

export function markdown(report: Report): string {
  const coldByFn = new Map(report.coldStarts.map((cold) => [cold.fn, cold]));
  const shown = new Set<string>();
  const lines = [
    '| endpoint | data | n | calls (items) vs bare | round trips (bare) | RCU / WCU | bare RCU / WCU | capacity ratio | p50 ms handler / bare | p50 ratio | p99 ms handler / bare | bundle KB | load ms bundled / node_modules | load speed-up |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of report.scenarios) {
    const v = verdicts(row);
    const fn = report.handlerOf[row.endpoint];
    const cold = fn && !shown.has(fn) ? coldByFn.get(fn) : undefined;
    if (fn) shown.add(fn);
    const h = row.handler.usage;
    const b = row.bare.usage;
    const handlerUnits = h.readUnits + h.writeUnits;
    const bareUnits = b.readUnits + b.writeUnits;
    lines.push(
      `| ${[
        `\`${row.endpoint}\``,
        row.data,
        row.runs,
        `${h.calls} (${h.requestItems}) ${v.sameRequests ? '=' : `≠ ${b.calls} (${b.requestItems}) in ${row.requestMismatches} of ${row.runs}`}`,
        `${h.roundTrips} (${b.roundTrips})${v.roundTrips === undefined ? '' : ` ${mark(v.roundTrips)}`}`,
        units(h.readUnits, h.writeUnits),
        units(b.readUnits, b.writeUnits),
        `${bareUnits ? num(handlerUnits / bareUnits, 2) : '–'} ${mark(v.capacity)}`,
        `${num(row.handler.p50, 2)} / ${num(row.bare.p50, 2)}`,
        `${num(row.handler.p50 / row.bare.p50, 2)} ${mark(v.overhead)}`,
        `${num(row.handler.p99, 2)} / ${num(row.bare.p99, 2)}`,
        ...coldCells(cold),
      ].join(' | ')} |`,
    );
  }
  for (const cold of report.coldStarts) {
    if (shown.has(cold.fn)) continue;
    lines.push(`| \`${cold.fn}\` (not benchmarked) | | | | | | | | | | | ${coldCells(cold).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Names of what missed a target, or just how many when they are most of the table. */
const namesOrCount = (names: string[]) => (names.length > 8 ? [`${names.length} functions`] : names.map((name) => `\`${name}\``));

/** Which targets were met, in numbers, and which rows missed. */
export function summary(report: Report): string {
  const rows = report.scenarios.map((row) => ({ row, v: verdicts(row) }));
  const reads = rows.filter(({ v }) => v.roundTrips !== undefined);
  const label = ({ row }: { row: ScenarioResult }) => `\`${row.endpoint}\` (${row.data})`;
  const missed = (pick: (v: Verdicts) => boolean | undefined, list = rows) => list.filter(({ v }) => pick(v) === false).map(label);
  const colds = report.coldStarts.map((cold) => ({ cold, v: coldVerdicts(cold) }));
  const speedups = report.coldStarts.map((cold) => cold.unbundledLoadMs / cold.bundledLoadMs).sort((a, b) => a - b);
  const line = (name: string, met: number, total: number, misses: string[]) =>
    `- ${name}: ${met}/${total} met${misses.length ? ` — missed: ${misses.join(', ')}` : ''}`;
  const out = [
    line(
      'Read endpoints, one sequential round trip per page',
      reads.length - missed((v) => v.roundTrips, reads).length,
      reads.length,
      missed((v) => v.roundTrips, reads),
    ),
    line(
      `Capacity ≤ ${TARGETS.capacityRatio}× the bare access pattern`,
      rows.length - missed((v) => v.capacity).length,
      rows.length,
      missed((v) => v.capacity),
    ),
    line(
      `Handler overhead < ${TARGETS.overheadP50}× at p50`,
      rows.length - missed((v) => v.overhead).length,
      rows.length,
      missed((v) => v.overhead),
    ),
    line(
      'Baseline sends the same calls and items as the handler (so the ratio is our code alone)',
      rows.length - missed((v) => v.sameRequests).length,
      rows.length,
      missed((v) => v.sameRequests),
    ),
    line(
      'Bundles < 250 KB',
      colds.filter(({ v }) => v.size).length,
      colds.length,
      namesOrCount(colds.filter(({ v }) => !v.size).map(({ cold }) => cold.fn)),
    ),
    line('Bundled load ≥ 2× faster than from node_modules', colds.filter(({ v }) => v.load).length, colds.length, []),
  ];
  if (speedups.length) {
    const layer = report.sdkLayerBytes ? `, plus the SDK layer all of them share: ${num(report.sdkLayerBytes / 1024)} KB` : '';
    out.push(
      `  (speed-ups from ${num(speedups[0]!, 2)}× to ${num(speedups[speedups.length - 1]!, 2)}×; bundles ${num(Math.min(...report.coldStarts.map((c) => c.bundleBytes)) / 1024)}–${num(Math.max(...report.coldStarts.map((c) => c.bundleBytes)) / 1024)} KB${layer})`,
    );
  }
  if (report.sdkReference) {
    const ref = report.sdkReference;
    out.push(
      `- Reference: \`${ref.fn}\` built with \`@aws-sdk/*\` left to the Lambda runtime instead: ${num(ref.bundleBytes / 1024)} KB, loads in ${num(ref.loadMs, 0)} ms.`,
    );
  }
  return out.join('\n');
}
