import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDocuments } from '../../lib/local/documents.js';
import { explorerFiles } from '../../lib/local/explorer.js';
import { startLocalServer } from '../../lib/local/server.js';
import { routes } from '../../lib/routes/index.js';

/** A GET with the path sent exactly as written (no client-side normalisation of `..`). */
function rawGet(url: string, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the API explorer files of the local server', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  beforeAll(async () => {
    const documents = localDocuments();
    server = await startLocalServer({ routes, port: 0, documents, files: explorerFiles(Object.keys(documents)), log: () => {} });
  });
  afterAll(() => server?.close());

  it('serves the page at / and Swagger UI from node_modules, linking the documents the server has', async () => {
    const page = await rawGet(server.url, '/');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain('href="/openapi.json"');
    expect(page.body.includes('href="/asyncapi.json"')).toBe(Object.keys(localDocuments()).includes('/asyncapi.json'));
    const bundle = await rawGet(server.url, '/explorer/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.type).toMatch(/^text\/javascript/);
    expect(bundle.body).toContain('SwaggerUIBundle');
  });

  it('serves nothing outside its fixed table of paths, however the path is spelled', async () => {
    for (const path of [
      '/explorer/../package.json',
      '/explorer/%2e%2e/package.json',
      '/explorer/..%2fpackage.json',
      '/explorer/index.html',
      '/explorer/swagger-ui-bundle.js.map',
      '/../../etc/passwd',
      '//etc/passwd',
      '/explorer/',
    ]) {
      const answer = await rawGet(server.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('"name": "contactbook"');
    }
  });
});
