import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { localDocuments } from '../../lib/local/documents.js';
import { startLocalServer } from '../../lib/local/server.js';
import { routes } from '../../lib/routes/index.js';

/** The JSON file a `lib/<kind>/write.ts` script (`npm run openapi`, `npm run asyncapi`) writes. */
export function writtenDocument(script: string): unknown {
  const target = join(mkdtempSync(join(tmpdir(), 'document-')), 'document.json');
  const tsx = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
  execFileSync(tsx, [new URL(`../../${script}`, import.meta.url).pathname, target], { stdio: 'pipe' });
  return JSON.parse(readFileSync(target, 'utf8'));
}

/** The document the local server answers at `path`, checked to be served as JSON. */
export async function servedDocument(path: string): Promise<unknown> {
  const server = await startLocalServer({ routes, port: 0, documents: localDocuments(), log: () => undefined });
  try {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return await res.json();
  } finally {
    await server.close();
  }
}
