import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../lib/openapi/document.js';
import { featapiRoutes as F } from '../../lib/routes/featapi.js';
import { friendshipRoutes as S } from '../../lib/routes/friendship.js';
import { routes } from '../../lib/routes/index.js';
import type { Route } from '../../lib/routes/route.js';
import { userRoutes as U } from '../../lib/routes/user.js';
import { call, claimsFor, type CallResult } from '../support/call.js';
import { timQuery } from '../support/tim.js';
import { responseMismatch } from './documented-response.js';
import { servedDocument, writtenDocument } from '../support/documents.js';

const document = openApiDocument(routes) as any;
/** A token with every scope any route asks for, so a call gets past the scope check to the body. */
const EVERY_SCOPE = [...new Set(routes.flatMap((route) => route.scopes))].join(' ');
const operationKeys = (doc: any) =>
  Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );

/** Calls the route and checks the answer against the document; returns it for further checks. */
async function documented(route: Route, options: Parameters<typeof call>[1]): Promise<CallResult> {
  const out = await call(route, options);
  expect(await responseMismatch(route, out.status, out.body)).toBeUndefined();
  return out;
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has exactly one operation per route of the table, and nothing else', () => {
    expect(operationKeys(document).sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    const ids = operationKeys(document).map((key) => {
      const [method, path] = key.split(' ') as [string, string];
      return document.paths[path][method.toLowerCase()].operationId;
    });
    expect(new Set(ids).size).toBe(routes.length);
  });

  it('declares every path template parameter, every query and body schema of the routes', () => {
    for (const route of routes) {
      const operation = document.paths[route.path][route.method.toLowerCase()];
      const parameters = (operation.parameters ?? []) as Array<{ name: string; in: string; required: boolean }>;
      const templated = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        parameters
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort(),
        route.path,
      ).toEqual(templated.sort());
      expect(parameters.filter((p) => p.in === 'path').every((p) => p.required)).toBe(true);
      if (route.query)
        expect(
          parameters.some((p) => p.in === 'query'),
          route.path,
        ).toBe(true);
      expect(Boolean(operation.requestBody), route.path).toBe(Boolean(route.body && route.method === 'POST'));
      expect(operation.responses['200'].content['application/json'].schema, route.path).toBeTruthy();
    }
  });

  it("documents each route's auth: bearer JWT with its scopes, or the Tencent query credentials", () => {
    const schemes = document.components.securitySchemes;
    expect(schemes.bearerJwt).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect([schemes.timSdkAppId.name, schemes.timIdentifier.name, schemes.timUserSig.name]).toEqual(['sdkappid', 'identifier', 'usersig']);
    for (const route of routes) {
      const operation = document.paths[route.path][route.method.toLowerCase()];
      if (route.auth === 'user') {
        expect(operation.security, route.path).toEqual([{ bearerJwt: [...route.scopes] }]);
        expect(Object.keys(operation.responses).sort(), route.path).toEqual(['200', '400', '401', '403', '404', '409', '500']);
      } else {
        expect(operation.security, route.path).toEqual([{ timSdkAppId: [], timIdentifier: [], timUserSig: [] }]);
        expect(
          operation.parameters.map((p: { name: string }) => p.name),
          route.path,
        ).toEqual(expect.arrayContaining(['random', 'contenttype']));
        expect(Object.keys(operation.responses), route.path).toEqual(['200']);
      }
    }
  });

  it('is what `npm run openapi` writes', () => {
    expect(writtenDocument('lib/openapi/write.ts')).toEqual(document);
  });

  it('is served by the local server at GET /openapi.json', async () => {
    expect(await servedDocument('/openapi.json')).toEqual(document);
  });
});

describe('real answers match the documented response schemas', () => {
  it('SealTalk successes: invite, agree, all, profile, descriptions, contacts info, users, privacy, blacklist', async () => {
    await documented(U.getPrivacy, { as: claimsFor('oa-alice', { phone: '13900000101', region: '86' }) });
    await documented(U.getPrivacy, { as: claimsFor('oa-bob', { phone: '13900000102', region: '86' }) });
    expect((await documented(S.invite, { as: 'oa-alice', body: { friendId: 'oa-bob', message: 'hi' } })).body.result.action).toBe('Sent');
    expect((await documented(S.agree, { as: 'oa-bob', body: { friendId: 'oa-alice' } })).body.result.action).toBe('Added');
    await documented(S.setDisplayName, { as: 'oa-alice', body: { friendId: 'oa-bob', displayName: 'Bobby' } });
    expect((await documented(S.all, { as: 'oa-alice' })).body.result).toHaveLength(1);
    expect((await documented(S.profile, { as: 'oa-alice', params: { friendId: 'oa-bob' } })).body.result.displayName).toBe('Bobby');
    await documented(S.getFriendDescription, { as: 'oa-alice', body: { friendId: 'oa-bob' } });
    const info = await documented(S.contactsInfo, { as: 'oa-alice', body: { contactList: ['13900000102', '13900000999'] } });
    expect(info.body.result.map((row: { registered: number }) => row.registered)).toEqual([1, 0]);
    await documented(U.get, { as: 'oa-alice', params: { id: 'oa-bob' } });
    await documented(U.findByPhone, { as: 'oa-alice', params: { region: '86', phone: '13900000102' } });
    await documented(U.setNickname, { as: 'oa-alice', body: { nickname: 'Alice' } });
    await documented(U.addToBlacklist, { as: 'oa-bob', body: { friendId: 'oa-alice' } });
    expect((await documented(U.blacklist, { as: 'oa-bob' })).body.result).toHaveLength(1);
  });

  it('FeatAPI successes: get_contact, list, black_list, update_relation, mark_read', async () => {
    await documented(U.getPrivacy, { as: 'oa-carol' });
    await documented(U.getPrivacy, { as: 'oa-dave' });
    expect((await documented(F.updateRelation, { as: 'oa-carol', body: { action: 'apply', friend: 'oa-dave' } })).body.data.status).toBe(
      100,
    );
    expect((await documented(F.updateRelation, { as: 'oa-dave', body: { action: 'accept', friend: 'oa-carol' } })).body.data.status).toBe(
      300,
    );
    await documented(F.getContact, { as: 'oa-carol', query: { user: 'oa-dave' } });
    expect((await documented(F.list, { as: 'oa-carol', query: { area: 'inbox' } })).body.data.results).toHaveLength(1);
    await documented(F.markRead, { as: 'oa-carol', body: { from_user: ['oa-dave'], to_group: [] } });
    await documented(F.updateRelation, { as: 'oa-carol', body: { action: 'black', friend: 'oa-dave' } });
    expect((await documented(F.blackList, { as: 'oa-carol' })).body.data).toHaveLength(1);
  });

  it('errors of every route, in its dialect: no credential, and (POST) a body that is not JSON', async () => {
    for (const route of routes) {
      const anonymous = await call(route, route.auth === 'usersig' ? { body: {} } : {});
      expect(anonymous.status, route.path).toBe(route.dialect === 'tencent' ? 200 : 401);
      expect(await responseMismatch(route, anonymous.status, anonymous.body)).toBeUndefined();
      if (route.method !== 'POST') continue;
      const notJson = await call(
        route,
        route.auth === 'usersig'
          ? { body: '{not json', query: timQuery() }
          : { as: claimsFor('oa-erin', { scope: EVERY_SCOPE }), body: '{not json' },
      );
      expect(notJson.status, route.path).toBe(route.dialect === 'tencent' ? 200 : 400);
      if (route.dialect === 'tencent') expect(notJson.body.ErrorCode, route.path).toBe(60003);
      expect(await responseMismatch(route, notJson.status, notJson.body)).toBeUndefined();
    }
  });

  it('a 404 in each dialect, and the check can fail: an answer with an extra field is refused', async () => {
    const missing = await documented(S.agree, { as: 'oa-erin', body: { friendId: 'oa-nobody' } });
    expect(missing.status).toBe(404);
    expect((await documented(F.getContact, { as: 'oa-erin', query: { user: 'oa-nobody' } })).body).toEqual({ detail: 'Not found.' });
    expect(await responseMismatch(S.agree, 404, { ...missing.body, stack: 'Error: at …' })).toMatch(/404/);
    expect(await responseMismatch(S.all, 200, { code: 200, result: [{ displayName: 1 }] })).toBeDefined();
  });
});
