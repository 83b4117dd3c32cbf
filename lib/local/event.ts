import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { Route } from '../routes/route.js';

/**
 * Builds the API Gateway HTTP API (payload 2.0) event that AWS would hand the function, so the
 * local server and the tests drive the very handler code that runs in Lambda.
 */
export interface LocalRequest {
  method: string;
  /** Path without query string, e.g. `/friendship/abc/profile`. */
  path: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  pathParameters?: Record<string, string>;
  /** Verified JWT claims, as the JWT authorizer would pass them. */
  claims?: Record<string, unknown>;
  sourceIp?: string;
}

export function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    // API Gateway joins repeated parameters with commas.
    out[name] = name in out ? `${out[name]},${value}` : value;
  }
  return out;
}

export function buildEvent(route: Route, request: LocalRequest): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  const now = Date.now();
  const claims =
    request.claims &&
    Object.fromEntries(
      // The JWT authorizer passes claim values as strings (numbers and arrays stringified).
      Object.entries(request.claims).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
    );
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: request.path,
    rawQueryString: request.rawQueryString ?? '',
    headers,
    queryStringParameters: queryParameters(request.rawQueryString ?? ''),
    pathParameters: request.pathParameters,
    body: request.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
  } as APIGatewayProxyEventV2;
}

/** A fake Lambda context: enough for middy (which gives up just before `timeoutMs`) and the logger. */
export function lambdaContext(route: Pick<Route, 'handler'>, timeoutMs = 30_000) {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `contactbook-${route.handler.replace(/\//g, '-')}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${route.handler.replace(/\//g, '-')}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => timeoutMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
