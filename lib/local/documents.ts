import { openApiDocument } from '../openapi/document.js';
import { routes } from '../routes/index.js';

/** JSON documents the local server serves beside the API: the OpenAPI document, built once on first request. */
export function localDocuments(): Record<string, () => unknown> {
  let openApi: unknown;
  return { '/openapi.json': () => (openApi ??= openApiDocument(routes)) };
}
