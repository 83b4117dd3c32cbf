import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { timConfig } from '../config.js';

/**
 * The API explorer the local server shows at `/`: Swagger UI (npm `swagger-ui-dist`, served from
 * node_modules, no CDN) over `/openapi.json`, with "try it" against the local server itself.
 * Files are served from a fixed table of exact paths, so no request path ever reaches the file system.
 */

export interface StaticFile {
  contentType: string;
  body(): Buffer | string;
}

/** Swagger UI's own files the page loads, by the path the page asks for. */
const SWAGGER_UI_FILES: Record<string, { file: string; contentType: string }> = {
  '/explorer/swagger-ui.css': { file: 'swagger-ui.css', contentType: 'text/css; charset=utf-8' },
  '/explorer/swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', contentType: 'text/javascript; charset=utf-8' },
  '/explorer/favicon-32x32.png': { file: 'favicon-32x32.png', contentType: 'image/png' },
};

function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/absolute-path.js'));
}

/** Reads a file on first request and keeps it. */
function cached(read: () => Buffer | string): () => Buffer | string {
  let body: Buffer | string | undefined;
  return () => (body ??= read());
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(documentPaths: readonly string[]): string {
  const links = [
    ['/openapi.json', 'OpenAPI document'],
    ['/asyncapi.json', 'AsyncAPI document (events)'],
  ]
    .filter(([path]) => documentPaths.includes(path!))
    .map(([path, label]) => `<a href="${escapeHtml(path!)}">${escapeHtml(label!)}</a>`)
    .join(' · ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Contactbook API explorer</title>
  <link rel="stylesheet" href="/explorer/swagger-ui.css">
  <link rel="icon" type="image/png" href="/explorer/favicon-32x32.png">
  <style>
    body { margin: 0; font-family: sans-serif; }
    .explorer-header { padding: 12px 20px; background: #1b1b1b; color: #eee; font-size: 14px; line-height: 1.6; }
    .explorer-header a { color: #8fd3ff; }
    .explorer-header code { background: #333; padding: 1px 4px; border-radius: 3px; }
  </style>
</head>
<body>
  <div class="explorer-header">
    <strong>Contactbook API explorer</strong> — every route of the local server. ${links}<br>
    <em>Authorize</em>: for SealTalk and FeatAPI paste the output of <code>npm run token -- alice</code> as <code>bearerJwt</code>;
    for <code>/v4</code> paste <code>npm run usersig</code> as <code>timUserSig</code> (app id and admin are filled in),
    then <em>Try it out</em> on any route.
  </div>
  <div id="swagger-ui"></div>
  <script src="/explorer/swagger-ui-bundle.js"></script>
  <script src="/explorer/init.js"></script>
</body>
</html>
`;
}

/** Starts Swagger UI; the Tencent app id and admin are pre-filled, the usersig is the user's to paste. */
function initScript(): string {
  const { sdkAppId, admin } = timConfig();
  return `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  deepLinking: true,
  docExpansion: 'list',
  displayOperationId: true,
  filter: true,
  persistAuthorization: true,
  validatorUrl: null,
  onComplete: function () {
    window.ui.preauthorizeApiKey('timSdkAppId', ${JSON.stringify(String(sdkAppId))});
    window.ui.preauthorizeApiKey('timIdentifier', ${JSON.stringify(admin)});
  },
});
`;
}

/**
 * The explorer's files by exact request path: the page at `/`, its start script and Swagger UI's
 * files. `documentPaths` are the JSON documents the server also serves; the page links those it knows.
 */
export function explorerFiles(documentPaths: readonly string[]): Record<string, StaticFile> {
  const dir = swaggerUiDir();
  const files: Record<string, StaticFile> = {
    '/': { contentType: 'text/html; charset=utf-8', body: cached(() => page(documentPaths)) },
    '/explorer/init.js': { contentType: 'text/javascript; charset=utf-8', body: cached(initScript) },
  };
  for (const [path, { file, contentType }] of Object.entries(SWAGGER_UI_FILES)) {
    files[path] = { contentType, body: cached(() => readFileSync(join(dir, file))) };
  }
  return files;
}
