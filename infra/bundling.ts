/**
 * How every function is bundled: one set of esbuild settings shared by the CDK stack
 * (`NodejsFunction` bundling), the bundle-size report and the cold-start benchmark, so the
 * numbers measured are those of what is deployed.
 *
 * ESM, minified, tree-shaken, source maps without sources. The AWS SDK is not in the bundles: they
 * import it from the stack's SDK layer (`infra/sdk-layer.ts`), one pre-linked copy shared by every
 * function, mounted at SDK_LAYER_DIR.
 */
import type { BuildOptions } from 'esbuild';

export const RUNTIME_TARGET = 'node22';
/** ESM output still meets CommonJS dependencies that call `require`. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";
export const MAIN_FIELDS = ['module', 'main'];

/** The SDK packages the functions import; each is one module of the SDK layer. */
export const SDK_PACKAGES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/util-dynamodb',
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-eventbridge',
] as const;
/** The folder of the SDK layer's zip that holds its modules. */
export const SDK_LAYER_ZIP_DIR = 'nodejs/aws-sdk';
/** Where the functions find those modules: Lambda extracts every layer into /opt. */
export const SDK_LAYER_DIR = `/opt/${SDK_LAYER_ZIP_DIR}`;

/** The module of an SDK layer found at `sdkDir` that stands for `pkg`. */
export function sdkModuleFile(sdkDir: string, pkg: string): string {
  return `${sdkDir}/${pkg.slice(pkg.indexOf('/') + 1)}.mjs`;
}

/** Each SDK package → its module in the layer at `sdkDir` (esbuild aliases, left external). */
export function sdkAliases(sdkDir: string): Record<string, string> {
  return Object.fromEntries(SDK_PACKAGES.map((pkg) => [pkg, sdkModuleFile(sdkDir, pkg)]));
}

/**
 * The esbuild options of one function's bundle: `entry` a file under functions/, `outfile` the
 * `.mjs` to write, `sdkDir` where the SDK layer is found at run time (elsewhere only in tests and
 * benchmarks, which cannot write to /opt).
 */
export function esbuildOptions(entry: string, outfile: string, sdkDir = SDK_LAYER_DIR): BuildOptions {
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
    external: [`${sdkDir}/*`],
    alias: sdkAliases(sdkDir),
    banner: { js: ESM_REQUIRE_BANNER },
    metafile: true,
    logLevel: 'silent',
  };
}
