import { describe, expect, it } from 'vitest';
import { routes } from '../../lib/routes/index.js';
import type { Route } from '../../lib/routes/route.js';
import { call, claimsFor } from '../support/call.js';
import { useLocalServer, localToken } from '../support/http-client.js';
import { bearer, viaGateway } from '../support/local-gateway.js';
import { S, U, users } from '../support/sealtalk.js';
import { scanTable, tableSnapshot } from '../support/table-state.js';
import { callTim } from '../support/tim.js';
import { BAD_USER_IDS } from '../support/user-ids.js';
import { conversationGroupRoutes } from '../../lib/routes/conversation-groups.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { recentContactRoutes } from '../../lib/routes/recent-contacts.js';

/**
 * The caller's own id is held to the user-id rule like every id it sends (docs/identity-and-privacy.md):
 * a validly signed token whose `sub` breaks it is 401 in the dialect's format on every JWT route —
 * through the handler pipeline as in AWS (where the JWT authorizer lets any `sub` through), through
 * the local gateway, and over HTTP — and nothing is written: no user record, no request its target
 * could not remove. The same ids in body fields (SealTalk, FeatAPI, Tencent accounts) are bad input.
 */
const VICTIM = 'bs-victim';

const BAD_IDS = BAD_USER_IDS;

const jwtRoutes = routes.filter((route) => route.auth === 'user');

/** A body that a valid caller could send (aimed at the victim where the route takes a user), so only the `sub` is wrong. */
function requestFor(route: Route): { body?: unknown; query?: Record<string, string>; params?: Record<string, string> } {
  const byPath: Record<string, { body?: unknown; query?: Record<string, string>; params?: Record<string, string> }> = {
    '/friendship/invite': { body: { friendId: VICTIM, message: 'hi' } },
    '/user/add_to_blacklist': { body: { friendId: VICTIM } },
    '/api/party/contact-list/update_relation': { body: { action: 'apply', friend: VICTIM } },
    '/api/party/contact-list/get_contact': { query: { user: VICTIM } },
    '/api/party/message/mark_read': { body: { from_user: [VICTIM], to_group: [] } },
    '/api/party/admin/activity': { body: { message_id: 'bs-m1', from: VICTIM, to_user: VICTIM } },
    '/user/set_nickname': { body: { nickname: 'Eve' } },
  };
  const known = byPath[route.path];
  if (known) return known;
  const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((match) => [match[1]!, VICTIM]));
  return { ...(route.method === 'POST' ? { body: { friendId: VICTIM } } : {}), ...(Object.keys(params).length ? { params } : {}) };
}

function expectUnauthenticated(route: Route, status: number, body: any, context: string): void {
  expect(status, context).toBe(401);
  if (route.dialect === 'sealtalk') {
    expect(Object.keys(body), context).toEqual(['code', 'message']);
    expect(body.code, context).toBe(401);
  } else {
    expect(Object.keys(body), context).toEqual(['detail']);
    expect(typeof body.detail, context).toBe('string');
  }
}

/** Every scope, so nothing but the subject can be what is refused. */
const EVERY_SCOPE = [...new Set(routes.flatMap((route) => route.scopes))].join(' ');

describe('a token whose sub breaks the user-id rule', () => {
  it.each(BAD_IDS)('%s: 401 on every JWT route, through the handler pipeline and the local gateway; nothing written', async (_, sub) => {
    await users(VICTIM);
    const before = await tableSnapshot();
    for (const route of jwtRoutes) {
      const request = requestFor(route);
      const context = `${route.method} ${route.path}`;
      const direct = await call(route, { ...request, as: claimsFor(sub, { scope: EVERY_SCOPE }) });
      expectUnauthenticated(route, direct.status, direct.body, `handler ${context}`);
      const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(request.params?.[name] ?? 'x'));
      const gateway = await viaGateway(route, {
        path,
        rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
        headers: { authorization: bearer(sub) },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      expectUnauthenticated(route, gateway.status, gateway.body, `gateway ${context}`);
    }
    expect(await tableSnapshot()).toBe(before);
  });

  it('the same requests from a valid caller do get through (so the sub is what was refused)', async () => {
    await users(VICTIM);
    const invited = await call(S.invite, { as: 'bs-honest', ...requestFor(S.invite) });
    expect(invited.body).toEqual({ code: 200, result: { action: 'Sent' } });
    const relate = await call(featapiRoutes.updateRelation, { as: 'bs-honest2', ...requestFor(featapiRoutes.updateRelation) });
    expect(relate.status).toBe(200);
  });

  it("the victim's lists hold no trace of any of them", async () => {
    const all = (await call(S.all, { as: VICTIM })).body.result as Array<{ user: { id: string } }>;
    expect(all.map((entry) => entry.user.id).filter((id) => !id.startsWith('bs-honest'))).toEqual([]);
    const subs = new Set(BAD_IDS.map(([, sub]) => sub));
    const items = await scanTable();
    expect(items.filter((item) => subs.has(item.id) || subs.has(item.userId) || subs.has(item.friendId))).toEqual([]);
  });
});

describe('a token whose sub breaks the user-id rule, over HTTP (the local server)', () => {
  const http = useLocalServer();

  it.each(BAD_IDS)('%s: 401 from SealTalk and FeatAPI, nothing written', async (_, sub) => {
    await users(VICTIM);
    const before = await tableSnapshot();
    const token = localToken(sub, { scope: EVERY_SCOPE });
    const invite = await http.request('POST', '/friendship/invite', { token, body: { friendId: VICTIM, message: 'hi' } });
    expect(invite.status).toBe(401);
    expect(invite.body).toEqual({ code: 401, message: expect.any(String) });
    const apply = { action: 'apply', friend: VICTIM };
    const relate = await http.request('POST', '/api/party/contact-list/update_relation', { token, body: apply });
    expect(relate.status).toBe(401);
    expect(relate.body).toEqual({ detail: expect.any(String) });
    const privacy = await http.request('GET', '/user/get_privacy', { token });
    expect(privacy.status).toBe(401);
    expect(await tableSnapshot()).toBe(before);
  });

  it('a token without exp: 401, nothing written', async () => {
    await users(VICTIM);
    const before = await tableSnapshot();
    const token = localToken('bs-timeless', { exp: undefined });
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).not.toHaveProperty('exp');
    const out = await http.request('GET', '/user/get_privacy', { token });
    expect(out.status).toBe(401);
    expect(out.body).toEqual({ code: 401, message: expect.any(String) });
    expect(await tableSnapshot()).toBe(before);
  });
});

describe("a JWT without exp, in the handler pipeline (the authorizer's claims as AWS passes them)", () => {
  it.each([
    ['no exp', { exp: undefined }],
    ['exp in the past', { exp: Math.floor(Date.now() / 1000) - 5 }],
    ['exp not a number', { exp: 'soon' }],
  ])('%s: 401, no user created', async (_, claims) => {
    const before = await tableSnapshot();
    const out = await call(U.getPrivacy, { as: claimsFor('bs-noexp', claims) });
    expect(out.status).toBe(401);
    expect(await tableSnapshot()).toBe(before);
  });
});

describe('ids that break the rule in body fields are bad input, nothing written', () => {
  it.each(BAD_IDS)('%s: SealTalk 400, FeatAPI 400, Tencent 50002 for From_Account and To_Account', async (_, id) => {
    await users(VICTIM);
    const before = await tableSnapshot();
    expect((await call(S.invite, { as: VICTIM, body: { friendId: id, message: '' } })).status).toBe(400);
    expect((await call(U.addToBlacklist, { as: VICTIM, body: { friendId: id } })).status).toBe(400);
    expect((await call(featapiRoutes.updateRelation, { as: VICTIM, body: { action: 'apply', friend: id } })).status).toBe(400);
    const top = { OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: id }] };
    expect((await callTim(recentContactRoutes.top, { From_Account: VICTIM, ...top })).body.ErrorCode).toBe(50002);
    const fromBad = { ...top, From_Account: id, RecentContactItem: [{ Type: 1, To_Account: VICTIM }] };
    expect((await callTim(recentContactRoutes.top, fromBad)).body.ErrorCode).toBe(50002);
    const search = { From_Account: VICTIM, ContactItem: [{ Type: 1, To_Account: id }] };
    expect((await callTim(conversationGroupRoutes.searchContactGroup, search)).body.ErrorCode).toBe(50002);
    expect(await tableSnapshot()).toBe(before);
  });
});

describe('claims of a valid token are stored as text input would be', () => {
  it('no surrogate pair split at a length limit, no lone surrogate or control character kept', async () => {
    const claims = { nickname: `${'n'.repeat(31)}😀`, name: 'a\u0000b\uD800c', phone: '139\u0001000' };
    const out = await call(U.getPrivacy, { as: claimsFor('bs-claims', claims) });
    expect(out.status).toBe(200);
    const user = (await scanTable()).find((item) => item.pk === 'USER#bs-claims' && item.sk === 'PROFILE')!;
    expect(user.nickname).toBe(`${'n'.repeat(31)}😀`);
    expect(user.fullname).toBe('abc');
    expect(user.phone).toBe('139000');
  });
});
