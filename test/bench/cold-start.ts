import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { esbuildOptions, RUNTIME_TARGET } from '../../infra/bundling.js';
import { functionEntries, functionEntry } from '../../infra/function-entries.js';
import { buildSdkLayer } from '../../infra/sdk-layer.js';
import { inParallel } from './bare.js';
import { percentile } from './scenario.js';

/**
 * Cold start per function: the size of the deployed bundle (esbuild with infra/bundling.ts) and
 * the module-load time of that bundle, with the SDK layer it imports (infra/sdk-layer.ts), in a
 * fresh Node process, against the same handler compiled with its dependencies left in
 * node_modules (`packages: 'external'`), the median of N each.
 */
const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
/** Under node_modules so that the unbundled build resolves its packages from the project's node_modules. */
const OUT = join(ROOT, 'node_modules/.cache/contactbook-bench');

/** Where the bench puts the SDK layer that Lambda would mount at /opt/nodejs/aws-sdk. */
const SDK_DIR = join(OUT, 'aws-sdk');
/** What a freshly started function has in its environment, as far as loading the module needs. */
const LOAD_ENV = { ...process.env, LOG_LEVEL: 'SILENT', TABLE_NAME: 'contactbook', AWS_REGION: 'us-east-1' };

export interface ColdStartResult {
  fn: string;
  bundleBytes: number;
  bundledLoadMs: number;
  unbundledLoadMs: number;
}

/** Milliseconds to import `file` in a fresh `node` process (the process start itself not counted). */
async function loadTime(file: string): Promise<number> {
  const { stdout } = await run(process.execPath, [join(OUT, 'measure-load.mjs'), file], { env: LOAD_ENV });
  return Number(stdout);
}

/**
 * Measures every function (or those `only` accepts), `parallel` functions at a time (each process
 * then has about one CPU, as a Lambda function of 1,769 MB does).
 */
export async function coldStarts(
  samples: number,
  parallel: number,
  only?: (fn: string) => boolean,
): Promise<{ results: ColdStartResult[]; sdkLayerBytes: number }> {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    join(OUT, 'measure-load.mjs'),
    [
      'const started = performance.now();',
      'await import(process.argv[2]);',
      'process.stdout.write(String(performance.now() - started));',
    ].join('\n'),
  );
  const entries = functionEntries().filter(({ handler }) => !only || only(handler));
  const layer = buildSdkLayer(SDK_DIR);
  const results: ColdStartResult[] = [];
  await inParallel(entries, parallel, async ({ handler: fn, entry }) => {
    const bundled = join(OUT, 'bundled', `${fn}.mjs`);
    const unbundled = join(OUT, 'unbundled', `${fn}.mjs`);
    await build(esbuildOptions(entry, bundled, SDK_DIR));
    await build({
      entryPoints: [entry],
      outfile: unbundled,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: RUNTIME_TARGET,
      logLevel: 'silent',
    });
    const times = { bundled: [] as number[], unbundled: [] as number[] };
    for (let i = 0; i < samples; i++) {
      times.bundled.push(await loadTime(bundled));
      times.unbundled.push(await loadTime(unbundled));
    }
    const median = (list: number[]) =>
      percentile(
        [...list].sort((a, b) => a - b),
        50,
      );
    results.push({
      fn,
      bundleBytes: statSync(bundled).size,
      bundledLoadMs: median(times.bundled),
      unbundledLoadMs: median(times.unbundled),
    });
  });
  results.sort((a, b) => a.fn.localeCompare(b.fn));
  return { results, sdkLayerBytes: layer.bytes };
}

/**
 * Reference point: one function built the other way, with `@aws-sdk/*` left to the Lambda runtime
 * (small bundle, but the SDK then loads package by package at every cold start).
 */
export async function runtimeSdkReference(fn: string, samples: number): Promise<{ fn: string; bundleBytes: number; loadMs: number }> {
  const file = join(OUT, 'runtime-sdk', `${fn}.mjs`);
  await build({ ...esbuildOptions(functionEntry(fn), file), alias: {}, external: ['@aws-sdk/*'] });
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await loadTime(file));
  return {
    fn,
    bundleBytes: statSync(file).size,
    loadMs: percentile(
      times.sort((a, b) => a - b),
      50,
    ),
  };
}
