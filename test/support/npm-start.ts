import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` as a user runs it, on a free port and with its own data directory: resolves with the
 * URL it prints once ready, with `extraEnv` set as a user would on the command line. `stop()` ends the
 * whole process group (npm, tsx, DynamoDB Local).
 */
export async function npmStart(
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; dataDir: string; output(): string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'contactbook-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOCAL_DATA_DIR: dataDir, ...extraEnv };
  // The test process points these at its own table; `npm start` makes its own.
  delete env.TABLE_NAME;
  delete env.DYNAMODB_ENDPOINT;
  const child: ChildProcess = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /API ready on (http:\/\/\S+)/.exec(output);
      if (ready) done(ready[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
  });
  return {
    url,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
