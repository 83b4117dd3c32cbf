/**
 * How every function is bundled: one set of esbuild settings shared by the CDK stack
 * (`NodejsFunction` bundling), the bundle-size report and the cold-start benchmark, so the
 * numbers measured are those of what is deployed.
 *
 * ESM, minified, tree-shaken, source maps without sources. The AWS SDK is bundled too, not taken
 * from the nodejs22.x runtime: loading the runtime's SDK package by package took ≈ 100 ms of every
 * cold start, the bundled one ≈ 45 ms for the whole handler (`npm run bench`), and the version we
 * test is the version we run. Its credential chain is cut down to the environment variables Lambda
 * sets (`infra/lambda-credentials.ts`).
 */
import type { BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const RUNTIME_TARGET = 'node22';
export const EXTERNAL_MODULES: string[] = [];
/** Module → file that replaces it in the bundles (absolute paths). */
export const ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': fileURLToPath(new URL('./lambda-credentials.ts', import.meta.url)),
};
/** ESM output still meets CommonJS dependencies that call `require`. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";
export const MAIN_FIELDS = ['module', 'main'];

/** The esbuild options of one function's bundle: `entry` a file under functions/, `outfile` the `.mjs` to write. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: RUNTIME_TARGET,
    minify: true,
    treeShaking: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: MAIN_FIELDS,
    external: EXTERNAL_MODULES,
    alias: ALIASES,
    banner: { js: ESM_REQUIRE_BANNER },
    metafile: true,
    logLevel: 'silent',
  };
}
