import { createServer, type Server } from 'node:http';
import { allowedOrigin, preflightHeaders } from '../http/cors.js';
import { clipForLog, loggableError } from '../observability.js';
import type { Route } from '../routes/route.js';
import type { StaticFile } from './explorer.js';
import { handleLocally, type GatewayResponse } from './gateway.js';

const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Headers up to 64 KB (Node's default is 16 KB): a token with an oversized `sub` still reaches the
 * handler and is refused in the dialect's format (401), not cut off with a bare 431.
 */
const MAX_HEADER_BYTES = 64 * 1024;
/** Request paths are logged up to this many characters (ids in paths are the caller's to choose). */
const LOG_PATH_MAX_CHARS = 96;

export interface LocalServerOptions {
  routes: readonly Route[];
  port: number;
  host?: string;
  /** Extra documents served as JSON (`/openapi.json`). */
  documents?: Record<string, () => unknown>;
  /** Files served by exact path (the API explorer), never looked up on disk by the request path. */
  files?: Record<string, StaticFile>;
  log?: (line: string) => void;
  /** CORS origins, as the stack's `allowedOrigins`. @default ['*'] */
  allowedOrigins?: readonly string[];
}

/** The local HTTP server: every route of the table, through the same handlers Lambda runs. */
export async function startLocalServer(options: LocalServerOptions): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const allowedOrigins = options.allowedOrigins ?? ['*'];
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://local');
      let response: Omit<GatewayResponse, 'body'> & { body: string | Buffer };
      try {
        const document = options.documents?.[url.pathname];
        const file = options.files?.[url.pathname];
        const origin = req.headers.origin;
        if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
          response = { statusCode: 204, headers: preflightHeaders(origin, allowedOrigins), body: '' };
        } else if (tooLarge) response = reply(413, { message: 'Request Entity Too Large' });
        else if (document && req.method === 'GET') response = reply(200, document());
        else if (file && req.method === 'GET')
          response = { statusCode: 200, headers: { 'content-type': file.contentType }, body: file.body() };
        else {
          response = await handleLocally(options.routes, {
            method: req.method ?? 'GET',
            path: url.pathname,
            rawQueryString: url.search.slice(1),
            headers: req.headers as Record<string, string>,
            body: chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined,
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          });
        }
      } catch (error) {
        console.error(loggableError(error));
        response = reply(500, { message: 'Internal Server Error' });
      }
      const allowOrigin = allowedOrigin(req.headers.origin, allowedOrigins);
      if (allowOrigin) response.headers = { ...response.headers, 'access-control-allow-origin': allowOrigin };
      res.writeHead(response.statusCode, response.headers);
      res.end(response.body);
      const took = `${(performance.now() - started).toFixed(1)}ms`;
      log(`${clipForLog(req.method ?? '')} ${clipForLog(url.pathname, LOG_PATH_MAX_CHARS)} ${response.statusCode} ${took}`);
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => done());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function reply(statusCode: number, body: unknown): GatewayResponse {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}
