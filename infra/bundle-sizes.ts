/**
 * `npm run bundle-sizes`: bundles every function of the stack (one per route, plus the usersig
 * authorizer) with the deploy settings of `infra/bundling.ts`, builds the SDK layer they share
 * (`infra/sdk-layer.ts`), and prints Markdown tables of the minified sizes (source maps not
 * counted). Exits 1 when a function's bundle reaches the 250 KB target (docs/performance.md).
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { esbuildOptions } from './bundling.js';
import { functionEntries } from './function-entries.js';
import { buildSdkLayer } from './sdk-layer.js';

const TARGET_BYTES = 250 * 1024;

interface BundleSize {
  handler: string;
  bytes: number;
  gzipBytes: number;
}

async function bundleSize(handler: string, entry: string): Promise<BundleSize> {
  const result = await build({ ...esbuildOptions(entry, `/tmp/contactbook-bundles/${handler}.mjs`), write: false });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
  if (!code) throw new Error(`esbuild produced no .mjs for ${handler}`);
  return { handler, bytes: code.contents.byteLength, gzipBytes: gzipSync(code.contents).byteLength };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const sizes = await Promise.all(functionEntries().map(({ handler, entry }) => bundleSize(handler, entry)));
sizes.sort((a, b) => b.bytes - a.bytes);
console.log('| function | minified | gzip |');
console.log('|---|---:|---:|');
for (const size of sizes) console.log(`| \`${size.handler}\` | ${kb(size.bytes)} | ${kb(size.gzipBytes)} |`);

const layerDir = mkdtempSync(join(tmpdir(), 'contactbook-sdk-layer-'));
try {
  const layer = buildSdkLayer(layerDir);
  console.log('\n| SDK layer file (once per stack) | minified |');
  console.log('|---|---:|');
  for (const file of layer.files) console.log(`| \`${file.name}\` | ${kb(file.bytes)} |`);
  console.log(`| total | ${kb(layer.bytes)} |`);
} finally {
  rmSync(layerDir, { recursive: true, force: true });
}

const over = sizes.filter((size) => size.bytes >= TARGET_BYTES);
if (over.length) {
  console.error(`at or over the ${kb(TARGET_BYTES)} target: ${over.map((size) => size.handler).join(', ')}`);
  process.exitCode = 1;
}
