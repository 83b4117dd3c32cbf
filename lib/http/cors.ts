/**
 * The API's CORS policy, in one place: the HTTP API's `corsPreflight` (infra/stateless-stack.ts)
 * and the local server (lib/local/server.ts) both apply it, so a web client that works against
 * `npm start` works against the deployed API. Handlers never set CORS headers.
 */
export const CORS_POLICY = {
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type'],
  maxAgeSeconds: 3600,
} as const;

/** The origin to echo in `access-control-allow-origin`, as API Gateway does; undefined when not allowed. */
export function allowedOrigin(origin: string | undefined, allowedOrigins: readonly string[]): string | undefined {
  if (origin === undefined) return undefined;
  if (allowedOrigins.includes('*')) return '*';
  return allowedOrigins.includes(origin) ? origin : undefined;
}

/**
 * API Gateway's answer to a preflight (OPTIONS with `access-control-request-method`): 204, and the
 * policy's headers when the origin is allowed.
 */
export function preflightHeaders(origin: string | undefined, allowedOrigins: readonly string[]): Record<string, string> {
  const allowOrigin = allowedOrigin(origin, allowedOrigins);
  if (!allowOrigin) return {};
  return {
    'access-control-allow-origin': allowOrigin,
    'access-control-allow-methods': CORS_POLICY.allowMethods.join(','),
    'access-control-allow-headers': CORS_POLICY.allowHeaders.join(','),
    'access-control-max-age': String(CORS_POLICY.maxAgeSeconds),
  };
}
