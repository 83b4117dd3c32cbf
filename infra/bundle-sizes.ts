/**
 * `npm run bundle-sizes`: bundles every function of the stack (one per route, plus the usersig
 * authorizer) with the deploy settings of `infra/bundling.ts` and prints a Markdown table of the
 * minified sizes (source maps not counted). Exits 1 when a bundle reaches the 400 KB ceiling: a guard
 * against a dependency creeping in. Issue 5's 250 KB target is missed on purpose since the AWS SDK is
 * bundled (≈ 200 KB of each bundle, for a load ≈ 4× faster; README "Performance").
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { esbuildOptions } from './bundling.js';
import { functionEntries } from './function-entries.js';

const CEILING_BYTES = 400 * 1024;

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
const over = sizes.filter((size) => size.bytes >= CEILING_BYTES);
if (over.length) {
  console.error(`at or over the ${kb(CEILING_BYTES)} ceiling: ${over.map((size) => size.handler).join(', ')}`);
  process.exitCode = 1;
}
