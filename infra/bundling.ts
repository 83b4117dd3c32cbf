/**
 * How every function is bundled: one set of esbuild settings shared by the CDK stack
 * (`NodejsFunction` bundling), the bundle-size report and the cold-start benchmark, so the
 * numbers measured are those of what is deployed.
 *
 * ESM, minified, tree-shaken, source maps without sources. `@aws-sdk/*` is left to the
 * nodejs22.x runtime, which ships SDK v3 (keeps every bundle well under 250 KB).
 */
import type { BuildOptions } from 'esbuild';

export const RUNTIME_TARGET = 'node22';
export const EXTERNAL_MODULES = ['@aws-sdk/*'];
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
    banner: { js: ESM_REQUIRE_BANNER },
    metafile: true,
    logLevel: 'silent',
  };
}
