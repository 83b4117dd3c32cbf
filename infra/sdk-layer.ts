/**
 * The AWS SDK layer: one minified copy of the SDK that every function imports, instead of one copy
 * inside each of the 42 bundles. Lambda mounts a layer's `nodejs/` folder at `/opt/nodejs`; the
 * function bundles import `/opt/nodejs/aws-sdk/<package>.mjs` by absolute path (ESM does not search
 * NODE_PATH, so a bare `@aws-sdk/…` import could not reach a layer).
 *
 * Why a layer rather than the runtime's SDK: the runtime's SDK loads package by package from
 * node_modules (≈ 100 ms of every cold start); this one is a handful of pre-linked files (the
 * whole handler loads in ≈ 45 ms, `npm run bench`), its credential chain is cut to the environment
 * variables Lambda sets (`infra/lambda-credentials.ts`), and it is the SDK version the tests ran.
 *
 * The layer exports exactly the names the functions import: an esbuild pass over every function
 * with the SDK left external lists them, so the two cannot drift apart.
 */
import { buildSync, type BuildOptions } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESM_REQUIRE_BANNER, MAIN_FIELDS, RUNTIME_TARGET, SDK_PACKAGES, sdkModuleFile } from './bundling.js';
import { functionEntries } from './function-entries.js';

const NODE_MODULES = fileURLToPath(new URL('../node_modules', import.meta.url));

/** Module → file that replaces it inside the layer (absolute paths). */
export const LAYER_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': fileURLToPath(new URL('./lambda-credentials.ts', import.meta.url)),
};

/** For each SDK package, the names some function imports from it (sorted). */
export function sdkImports(entries: string[] = functionEntries().map(({ entry }) => entry)): Map<string, string[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'contactbook-sdk-imports-'));
  try {
    const result = buildSync({
      entryPoints: entries,
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: RUNTIME_TARGET,
      mainFields: MAIN_FIELDS,
      external: [...SDK_PACKAGES],
      write: false,
      logLevel: 'silent',
    });
    const names = new Map<string, Set<string>>(SDK_PACKAGES.map((pkg) => [pkg, new Set()]));
    for (const file of result.outputFiles) {
      for (const [statement, clause = '', pkg] of file.text.matchAll(/^import\s*([^"';]*?)\s*from\s*"(@aws-sdk\/[^"]+)";/gms)) {
        const wanted = names.get(pkg!);
        // Only `import { A, B as C } from "…"` can be served by a module that re-exports names.
        if (!wanted || !/^\{[^}]*\}$/.test(clause)) throw new Error(`the SDK layer cannot serve: ${statement}`);
        for (const specifier of clause.slice(1, -1).split(',')) {
          const name = specifier.trim().split(/\s+as\s+/)[0];
          if (name) wanted.add(name);
        }
      }
    }
    return new Map([...names].map(([pkg, set]) => [pkg, [...set].sort()]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The esbuild options of the layer's modules, re-exporting `imports`, written to `outdir`. */
function layerOptions(imports: Map<string, string[]>, entriesDir: string, outdir: string): BuildOptions {
  const entryPoints = [...imports].map(([pkg, names]) => {
    const entry = sdkModuleFile(entriesDir, pkg);
    writeFileSync(entry, `export { ${names.join(', ')} } from '${pkg}';\n`);
    return entry;
  });
  return {
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: RUNTIME_TARGET,
    minify: true,
    treeShaking: true,
    mainFields: MAIN_FIELDS,
    nodePaths: [NODE_MODULES],
    alias: LAYER_ALIASES,
    outExtension: { '.js': '.mjs' },
    banner: { js: ESM_REQUIRE_BANNER },
    metafile: true,
    logLevel: 'silent',
  };
}

export interface SdkLayerBuild {
  /** Every file of the layer with its size, largest first. */
  files: Array<{ name: string; bytes: number }>;
  /** All of them together. */
  bytes: number;
  /** Every source file that went into the layer. */
  inputs: string[];
}

/** Writes the layer's modules into `outdir` (the folder mounted as SDK_LAYER_DIR). */
export function buildSdkLayer(outdir: string, imports = sdkImports()): SdkLayerBuild {
  const entriesDir = mkdtempSync(join(tmpdir(), 'contactbook-sdk-layer-'));
  try {
    rmSync(outdir, { recursive: true, force: true });
    mkdirSync(outdir, { recursive: true });
    const result = buildSync(layerOptions(imports, entriesDir, outdir));
    const files = readdirSync(outdir)
      .map((name) => ({ name, bytes: statSync(join(outdir, name)).size }))
      .sort((a, b) => b.bytes - a.bytes);
    return { files, bytes: files.reduce((sum, file) => sum + file.bytes, 0), inputs: Object.keys(result.metafile!.inputs) };
  } finally {
    rmSync(entriesDir, { recursive: true, force: true });
  }
}
