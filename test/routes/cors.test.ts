import { afterAll, describe, expect, it } from 'vitest';
import { CORS_POLICY } from '../../lib/http/cors.js';
import { startLocalServer } from '../../lib/local/server.js';
import { routes } from '../../lib/routes/index.js';
import { synthContactbook } from '../infra/synth.js';

/** One CORS policy: the deployed HTTP API and the local server answer a browser the same way. */
describe('CORS', () => {
  it('the HTTP API is configured with the shared policy', () => {
    const { api } = synthContactbook({ allowedOrigins: 'https://app.example.com' });
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://app.example.com'],
        AllowMethods: [...CORS_POLICY.allowMethods],
        AllowHeaders: [...CORS_POLICY.allowHeaders],
        MaxAge: CORS_POLICY.maxAgeSeconds,
      },
    });
  });

  describe('the local server', async () => {
    const server = await startLocalServer({ routes, port: 0, log: () => undefined, allowedOrigins: ['http://localhost:5173'] });
    afterAll(() => server.close());
    const ask = (path: string, init: RequestInit) => fetch(`${server.url}${path}`, init);

    it('answers a preflight from an allowed origin with 204 and the policy', async () => {
      const res = await ask('/friendship/invite', {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
      expect(res.headers.get('access-control-max-age')).toBe('3600');
    });

    it('gives no CORS headers to an origin that is not allowed', async () => {
      const preflight = await ask('/friendship/all', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const call = await ask('/friendship/all', { headers: { origin: 'https://evil.example' } });
      expect(call.status).toBe(401);
      expect(call.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('marks the answers of an allowed origin, errors included', async () => {
      const res = await ask('/friendship/all', { headers: { origin: 'http://localhost:5173' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(await res.json()).toEqual({ code: 401, message: expect.any(String) });
    });

    it('an OPTIONS that is not a preflight is routed like any other method', async () => {
      const res = await ask('/friendship/all', { method: 'OPTIONS' });
      expect(res.status).toBe(405);
    });
  });
});
