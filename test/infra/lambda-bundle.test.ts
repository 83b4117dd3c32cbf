import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../infra/bundling.js';
import { functionEntries, functionEntry } from '../../infra/function-entries.js';
import { buildSdkLayer } from '../../infra/sdk-layer.js';
import { buildEvent, lambdaContext } from '../../lib/local/event.js';
import { userRoutes } from '../../lib/routes/user.js';
import { getUser } from '../../lib/store/users.js';
import { claimsFor } from '../support/call.js';

/**
 * The deployed bundle itself (infra/bundling.ts) and the SDK layer it imports (infra/sdk-layer.ts:
 * credential chain cut to environment variables) run a real request against DynamoDB Local in a
 * fresh `node` process with only what Lambda would give it: credentials and region in the
 * environment, the table name. The layer sits in a temporary folder instead of /opt/nodejs/aws-sdk.
 */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'contactbook-bundle-'));
const sdkDir = join(dir, 'aws-sdk');
const layer = buildSdkLayer(sdkDir);
const route = userRoutes.getPrivacy;
const built = await build(esbuildOptions(functionEntry(route.handler), join(dir, 'handler.mjs'), sdkDir));
writeFileSync(
  join(dir, 'invoke.mjs'),
  [
    "const { handler } = await import('./handler.mjs');",
    'const [event, context] = JSON.parse(process.argv[2]);',
    'process.stdout.write(JSON.stringify(await handler(event, context)));',
  ].join('\n'),
);

function invoke(env: Record<string, string | undefined>) {
  const event = buildEvent(route, { method: 'GET', path: route.path, rawQueryString: '', headers: {}, claims: claimsFor('bundle-user') });
  return run(process.execPath, [join(dir, 'invoke.mjs'), JSON.stringify([event, lambdaContext(route)])], {
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'SILENT',
      TABLE_NAME: process.env.TABLE_NAME,
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
      AWS_REGION: 'us-east-1',
      ...env,
    },
  });
}

describe('the deployed bundle and the SDK layer', () => {
  it('leaves the SDK to the layer: the bundle carries none of it', () => {
    const inputs = Object.keys(built.metafile!.inputs);
    expect(inputs.filter((path) => /node_modules\/(@aws-sdk|@smithy)\//.test(path))).toEqual([]);
    const imported = Object.values(built.metafile!.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
    expect(imported).toContain(join(sdkDir, 'lib-dynamodb.mjs'));
  });

  it('layer: the SDK, but none of the credential providers Lambda cannot use', () => {
    expect(layer.inputs.some((path) => path.includes('@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(layer.inputs.some((path) => path.includes('@aws-sdk/credential-provider-env/'))).toBe(true);
    const unusable = layer.inputs.filter((path) =>
      /@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|http|login)|nested-clients)\//.test(path),
    );
    expect(unusable).toEqual([]);
  });

  it('every function of the stack loads against the layer (each SDK name it imports is there)', async () => {
    const outdir = join(dir, 'all');
    const entries = functionEntries();
    await build({
      ...esbuildOptions(entries[0]!.entry, '', sdkDir),
      outfile: undefined,
      outdir,
      entryPoints: entries.map(({ entry }) => entry),
      outExtension: { '.js': '.mjs' },
    });
    const files = entries.map(({ handler }) => join(outdir, `${handler}.mjs`));
    const script =
      'for (const file of process.argv.slice(1)) if (typeof (await import(file)).handler !== "function") throw new Error(file);';
    await run(process.execPath, ['--input-type=module', '-e', script, ...files], {
      env: { PATH: process.env.PATH, LOG_LEVEL: 'SILENT', TABLE_NAME: 'contactbook', AWS_REGION: 'us-east-1' },
    });
  });

  it('answers a request against DynamoDB Local with the credentials Lambda puts in the environment', async () => {
    const { stdout } = await invoke({ AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_SESSION_TOKEN: 'token' });
    const result = JSON.parse(stdout) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ code: 200 });
    // The read registered its caller (docs/behaviour.md#users): the bundled SDK really wrote to the table.
    expect(await getUser('bundle-user')).toMatchObject({ id: 'bundle-user' });
  });

  it('fails the request (not the load) when the environment holds no credentials', async () => {
    const { stdout } = await invoke({});
    const result = JSON.parse(stdout) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(500);
  });
});
