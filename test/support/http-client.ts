import { afterAll, beforeAll } from 'vitest';
import { signJwt, type JwtClaims } from '../../lib/auth/jwt.js';
import { startLocalServer } from '../../lib/local/server.js';
import { routes } from '../../lib/routes/index.js';
import { timQuery } from './tim.js';

/** A local JWT as `npm run token` makes it: ten minutes, FeatAPI's user scopes unless `claims` says otherwise. */
export function localToken(sub: string, claims: JwtClaims = {}): string {
  return signJwt(
    { sub, nickname: sub, scope: 'party_contact party_message', exp: Math.floor(Date.now() / 1000) + 600, ...claims },
    process.env.LOCAL_JWT_SECRET!,
  );
}

export interface HttpAnswer {
  status: number;
  body: any;
}

/**
 * The API as a client sees it: starts the local server (the part API Gateway plays in AWS) for
 * this test file and gives a fetch-based client. A string body is sent as it is.
 */
export function useLocalServer() {
  let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
  beforeAll(async () => {
    server = await startLocalServer({ routes, port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function request(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<HttpAnswer> {
    const res = await fetch(`${server!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    return { status: res.status, body: await res.json() };
  }

  /** A Tencent REST call as the app server makes it: the admin usersig (or the parameters given) in the query string. */
  const tim = (api: string, body: unknown, query: Record<string, string | undefined> = {}) =>
    request('POST', `/v4/recentcontact/${api}?${timQuery(query)}`, { body });

  return { request, tim, url: () => server!.url };
}
