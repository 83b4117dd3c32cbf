import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALLBACK_DISPATCHER_HANDLER, STREAM_CONSUMER_HANDLER, USERSIG_AUTHORIZER_HANDLER } from '../../infra/function-entries.js';
import { loadHandler } from '../../lib/local/gateway.js';
import { routes } from '../../lib/routes/index.js';
import { routeFunctionName } from '../../lib/routes/route.js';

const functionsDir = new URL('../../functions/', import.meta.url).pathname;

function handlerModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return handlerModules(path);
    return name.endsWith('.ts') ? [relative(functionsDir, path).replace(/\.ts$/, '')] : [];
  });
}

/** Modules under functions/ that are not routes (the usersig authorizer, the stream consumer, the callback dispatcher). */
const NOT_ROUTES = new Set([USERSIG_AUTHORIZER_HANDLER, STREAM_CONSUMER_HANDLER, CALLBACK_DISPATCHER_HANDLER]);

describe('route table', () => {
  it('gives every route a handler module that exports a handler', async () => {
    for (const route of routes) {
      const handler = await loadHandler(route);
      expect(typeof handler, route.handler).toBe('function');
    }
  });

  it('gives every handler module under functions/ a route', () => {
    const routed = new Set(routes.map((route) => route.handler));
    const orphans = handlerModules(functionsDir).filter((module) => !routed.has(module) && !NOT_ROUTES.has(module));
    expect(orphans).toEqual([]);
  });

  it('has one route per method and path, one function name per route', () => {
    const keys = routes.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    const names = routes.map(routeFunctionName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('declares read-only access only on GET-like routes that never write', () => {
    for (const route of routes) expect(['read', 'write']).toContain(route.access);
    expect(routes.filter((route) => route.method === 'GET' && route.access === 'write').map((r) => r.path)).toEqual([]);
  });
});
