import { asyncApiDocument } from '../asyncapi/document.js';
import { openApiDocument } from '../openapi/document.js';
import { routes } from '../routes/index.js';

/** JSON documents the local server serves beside the API: the OpenAPI and AsyncAPI documents, each built once on first request. */
export function localDocuments(): Record<string, () => unknown> {
  let openApi: unknown;
  let asyncApi: unknown;
  return {
    '/openapi.json': () => (openApi ??= openApiDocument(routes)),
    '/asyncapi.json': () => (asyncApi ??= asyncApiDocument()),
  };
}
