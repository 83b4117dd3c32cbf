/**
 * `npm run openapi [-- <file>]`: writes the OpenAPI 3.1 document of the route table to <file>
 * (default `dist/openapi.json`, git-ignored). The local server serves the same document at
 * GET /openapi.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { routes } from '../routes/index.js';
import { openApiDocument } from './document.js';

const target = resolve(process.argv[2] ?? 'dist/openapi.json');
const document = openApiDocument(routes);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
console.log(`OpenAPI ${String(document.openapi)}: ${routes.length} operations written to ${target}`);
