/**
 * `npm run asyncapi [-- <file>]`: writes the AsyncAPI 3 document of the domain events and Tencent
 * callbacks to <file> (default `dist/asyncapi.json`, git-ignored). The local server serves the same
 * document at GET /asyncapi.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { asyncApiDocument } from './document.js';

const target = resolve(process.argv[2] ?? 'dist/asyncapi.json');
const document = asyncApiDocument();
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
const messages = Object.keys((document.components as { messages: object }).messages).length;
console.log(`AsyncAPI ${String(document.asyncapi)}: ${messages} messages written to ${target}`);
