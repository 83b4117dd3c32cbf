import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../lib/auth/jwt.js';
import { toOpenApiSchema } from '../../lib/openapi/json-schema.js';
import { featapiRoutes as F } from '../../lib/routes/featapi.js';
import { friendshipRoutes as S } from '../../lib/routes/friendship.js';
import { routes } from '../../lib/routes/index.js';
import type { Route } from '../../lib/routes/route.js';
import { userRoutes as U } from '../../lib/routes/user.js';
import { shapedBy, type Leaves } from '../hostile/arbitraries.js';
import { responseMismatch } from '../openapi/documented-response.js';
import { call, claimsFor } from '../support/call.js';
import { bearer, concretePath, EVERY_SCOPE, viaGateway, type GatewayAnswer, type GatewayRequest } from '../support/local-gateway.js';
import { tableSnapshot } from '../support/table-state.js';
import { TIM, timQuery, usersig } from '../support/tim.js';

/**
 * Authorisation over every route, through the local gateway (JWT check included): forged, expired
 * and scope-less tokens, bad usersigs, and user B aiming every route at user A's data. Nothing
 * succeeds, nothing of A's leaks, nothing of A's changes.
 */
const ALICE = 'az-alice'; // the victim
const BOB = 'az-bob'; // the attacker of the random calls: a normal user (no party_admin)
const EVE = 'az-eve'; // the attacker of the scenarios: has done nothing before them
const CAROL = 'az-carol'; // Alice's friend
const DAVE = 'az-dave'; // on Alice's blacklist
const ALICE_PHONE = '13900000301';
const DAVE_PHONE = '13900000304';
/** Every private value of Alice's: none may ever appear in an answer to anyone else. */
const SECRET = /SECRET/;
const USER_SCOPES = 'party_contact party_message';

const userRouteList = routes.filter((route) => route.auth === 'user');
const usersigRouteList = routes.filter((route) => route.auth === 'usersig');
const named = (list: readonly Route[]) => list.map((route) => [`${route.method} ${route.path}`, route] as const);

/** Strings and numbers that point at Alice's data: her id, her friend's, her blocked user's, her phone, small record ids. */
const aimedAtAlice: Leaves = {
  string: fc.constantFrom(ALICE, CAROL, DAVE, ALICE_PHONE, DAVE_PHONE, '86', 'inbox', 'archive', 'all'),
  number: fc.constantFrom(1, 2, 3, 0, 100),
};

const schemaOf = (route: Route, part: 'body' | 'query' | 'params') =>
  route[part] ? toOpenApiSchema(route[part], 'input', {}, '') : undefined;

/** A request shaped like the route's (body, query, path) whose values all point at Alice's data. */
function aimedRequest(route: Route): fc.Arbitrary<GatewayRequest> {
  return fc
    .record({
      body: shapedBy(schemaOf(route, 'body'), aimedAtAlice).map((value) => JSON.stringify(value ?? {})),
      query: route.query ? shapedBy(schemaOf(route, 'query'), aimedAtAlice) : fc.constant({}),
      params: route.params ? shapedBy(schemaOf(route, 'params'), aimedAtAlice) : fc.constant({}),
    })
    .map(({ body, query, params }) => ({
      path: concretePath(route, params as Record<string, string>),
      rawQueryString: new URLSearchParams(
        Object.entries(query as object).map(([key, value]): [string, string] => [key, String(value)]),
      ).toString(),
      ...(route.method === 'POST' ? { body } : {}),
    }));
}

/** One fixed aimed request per route, for the credential checks. */
const sampleRequest = (route: Route): GatewayRequest => fc.sample(aimedRequest(route), { numRuns: 1, seed: 7 })[0]!;

/** Items that are not about `attacker` (and are not shared id counters): the attacker may never change one of them. */
async function itemsNotAbout(attacker: string): Promise<string[]> {
  return (JSON.parse(await tableSnapshot()) as string[]).filter((item) => !item.includes(attacker) && !item.includes('"pk":"COUNTER#'));
}

/** Runs a call that must be refused: the dialect's answer, nothing secret in it, no item written. */
async function refusedWithoutTrace(route: Route, request: GatewayRequest): Promise<GatewayAnswer> {
  const before = await tableSnapshot();
  const answer = await viaGateway(route, request);
  const context = `${route.method} ${route.path} ${JSON.stringify(request).slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(await responseMismatch(route, answer.status, answer.body), context).toBeUndefined();
  expect(answer.text, context).not.toMatch(SECRET);
  expect(await tableSnapshot(), `table changed: ${context}`).toBe(before);
  return answer;
}

const jwtOf = (claims: Record<string, unknown>, secret = process.env.LOCAL_JWT_SECRET!) => `Bearer ${signJwt(claims, secret)}`;
const unsigned = (claims: Record<string, unknown>) =>
  `Bearer ${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
const now = () => Math.floor(Date.now() / 1000);

/** Credentials that must each get 401: none, forged, expired, not yet valid, without subject, malformed. */
const BAD_TOKENS: ReadonlyArray<[string, () => Record<string, string>]> = [
  ['no token', () => ({})],
  ['an expired token', () => ({ authorization: jwtOf({ sub: ALICE, scope: EVERY_SCOPE, exp: now() - 5 }) })],
  ['a token signed with another secret', () => ({ authorization: bearer(ALICE, {}, 'not-the-local-secret') })],
  [
    'a token with its payload swapped for Alice',
    () => {
      const [head, , signature] = bearer(BOB).slice('Bearer '.length).split('.');
      return {
        authorization: `Bearer ${head}.${Buffer.from(JSON.stringify({ sub: ALICE, scope: EVERY_SCOPE })).toString('base64url')}.${signature}`,
      };
    },
  ],
  ['an unsigned token (alg none)', () => ({ authorization: unsigned({ sub: ALICE, scope: EVERY_SCOPE }) })],
  ['a token not valid yet', () => ({ authorization: jwtOf({ sub: ALICE, scope: EVERY_SCOPE, nbf: now() + 3600 }) })],
  ['a token without a subject', () => ({ authorization: jwtOf({ scope: EVERY_SCOPE, exp: now() + 600 }) })],
  ['a token without exp', () => ({ authorization: jwtOf({ sub: ALICE, scope: EVERY_SCOPE }) })],
  ['a token whose sub is 300 characters', () => ({ authorization: bearer('a'.repeat(300)) })],
  ['a token whose sub holds a control character', () => ({ authorization: bearer('az-\u0001') })],
  ['a malformed token', () => ({ authorization: 'Bearer not.a.jwt' })],
  ['a Basic credential', () => ({ authorization: `Basic ${Buffer.from(`${ALICE}:x`).toString('base64')}` })],
];

/** Tencent credentials that must each fail with their code (docs/behaviour.md#callers-and-credentials), HTTP 200. */
const BAD_USERSIGS: ReadonlyArray<[string, number, () => Record<string, string | undefined>]> = [
  ['no sdkappid', 60012, () => ({ sdkappid: undefined })],
  ['an unknown sdkappid', 70020, () => ({ sdkappid: String(TIM.sdkAppId + 1) })],
  ['a sdkappid that is not a number', 70020, () => ({ sdkappid: '1400000000 OR 1=1' })],
  ['no usersig', 70003, () => ({ usersig: undefined })],
  ['a usersig that cannot be parsed', 70003, () => ({ usersig: 'eJyrVkrOz0nNSy9JTclMUrJSMjQwMDAyNrYwMzc3NzYyMTAxNLZQqgUAKFMKEw__' })],
  ['a usersig signed with another key', 70009, () => ({ usersig: usersig(TIM.admin, { key: 'not-the-key' }) })],
  ['an expired usersig', 70001, () => ({ usersig: usersig(TIM.admin, { ttl: 0 }) })],
  ['a usersig dated more than 5 minutes ahead', 70009, () => ({ usersig: usersig(TIM.admin, { time: now() + 301 + 5 }) })],
  ['a usersig made for another identifier', 70013, () => ({ usersig: usersig('az-bob') })],
  ['a usersig of another app', 70014, () => ({ usersig: usersig(TIM.admin, { sdkAppId: TIM.sdkAppId + 1 }) })],
  ['a non-admin identifier with its own valid usersig', 50003, () => ({ identifier: BOB, usersig: usersig(BOB) })],
  ['no identifier', 70013, () => ({ identifier: undefined })],
];

beforeAll(async () => {
  const ok = async (out: Promise<{ status: number; body: unknown }>) => {
    const result = await out;
    if (result.status !== 200) throw new Error(`setup call failed: ${JSON.stringify(result.body)}`);
  };
  await ok(call(U.getPrivacy, { as: claimsFor(ALICE, { phone: ALICE_PHONE, region: '86' }) }));
  await ok(call(U.getPrivacy, { as: claimsFor(DAVE, { phone: DAVE_PHONE, region: '86' }) }));
  await ok(call(U.getPrivacy, { as: CAROL }));
  await ok(call(U.getPrivacy, { as: BOB }));
  await ok(call(U.getPrivacy, { as: EVE }));
  await ok(call(S.invite, { as: ALICE, body: { friendId: CAROL, message: 'SECRET-MSG' } }));
  await ok(call(S.agree, { as: CAROL, body: { friendId: ALICE } }));
  await ok(
    call(S.setFriendDescription, {
      as: ALICE,
      body: { friendId: CAROL, displayName: 'SECRET-DN', description: 'SECRET-DESC', imageUri: 'https://img/SECRET' },
    }),
  );
  await ok(call(U.addToBlacklist, { as: ALICE, body: { friendId: DAVE } }));
  await ok(call(F.moveContact, { as: ALICE, body: { user: CAROL, area: 'archive' } }));
  const admin = claimsFor('az-appserver', { scope: 'party_admin' });
  await ok(call(F.createGroup, { as: admin, body: { name: 'SECRET-GROUP', creator: ALICE, members: [CAROL] } }));
  await ok(call(F.ingestActivity, { as: admin, body: { message_id: 'az-m1', from: CAROL, to_user: ALICE } }));
});

describe.each(named(userRouteList))('JWT route %s', (_, route) => {
  it.each(BAD_TOKENS.map(([name, headers]) => [name, headers] as const))('refuses %s with 401 in its dialect', async (_name, headers) => {
    const answer = await refusedWithoutTrace(route, { ...sampleRequest(route), headers: headers() });
    expect(answer.status).toBe(401);
  });

  it("as Bob, aimed at Alice's data: leaks nothing of hers and changes nothing of hers", async () => {
    await fc.assert(
      fc.asyncProperty(aimedRequest(route), async (request) => {
        const before = await itemsNotAbout(BOB);
        const answer = await viaGateway(route, { ...request, headers: { authorization: bearer(BOB, { scope: USER_SCOPES }) } });
        const context = `${route.method} ${route.path} ${JSON.stringify(request)} → ${answer.status} ${answer.text.slice(0, 300)}`;
        expect(answer.status, context).toBeLessThan(500);
        expect(await responseMismatch(route, answer.status, answer.body), context).toBeUndefined();
        expect(answer.text, context).not.toMatch(SECRET);
        expect(await itemsNotAbout(BOB), context).toEqual(before);
      }),
      { numRuns: 6 },
    );
  });
});

describe.each(named(userRouteList.filter((route) => route.scopes.length > 0)))('scoped route %s', (_, route) => {
  it("refuses a valid token without the route's scope with 403", async () => {
    const otherScopes = EVERY_SCOPE.split(' ')
      .filter((scope) => !route.scopes.includes(scope))
      .join(' ');
    for (const scope of [otherScopes, '', route.scopes.map((s) => `${s}_x`).join(' '), JSON.stringify(route.scopes)]) {
      const answer = await refusedWithoutTrace(route, { ...sampleRequest(route), headers: { authorization: bearer(ALICE, { scope }) } });
      expect(answer.status, `scope "${scope}"`).toBe(403);
    }
  });
});

describe.each(named(usersigRouteList))('usersig route %s', (_, route) => {
  it.each(BAD_USERSIGS.map(([name, code, query]) => [name, code, query] as const))(
    'refuses %s with %i (HTTP 200)',
    async (_name, code, query) => {
      const answer = await refusedWithoutTrace(route, { ...sampleRequest(route), rawQueryString: timQuery(query()) });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    },
  );

  it("refuses an end user's JWT in place of the usersig", async () => {
    const answer = await refusedWithoutTrace(route, { ...sampleRequest(route), headers: { authorization: bearer(ALICE) } });
    expect(answer.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60012 });
  });
});

describe("Eve against Alice's data, route by route", () => {
  const asEve = { authorization: bearer(EVE, { scope: USER_SCOPES }) };
  const scenarios: ReadonlyArray<[Route, GatewayRequest, number]> = [
    [S.profile, { path: concretePath(S.profile, { friendId: CAROL }) }, 403],
    [S.profile, { path: concretePath(S.profile, { friendId: ALICE }) }, 403],
    [S.getFriendDescription, { body: JSON.stringify({ friendId: CAROL }) }, 404],
    [S.setDisplayName, { body: JSON.stringify({ friendId: CAROL, displayName: 'pwned' }) }, 404],
    [S.setFriendDescription, { body: JSON.stringify({ friendId: CAROL, description: 'pwned' }) }, 404],
    [S.delete, { body: JSON.stringify({ friendId: CAROL }) }, 404],
    [S.agree, { body: JSON.stringify({ friendId: CAROL }) }, 404],
    [S.ignore, { body: JSON.stringify({ friendId: ALICE }) }, 404],
    [F.getContact, { rawQueryString: `user=${CAROL}` }, 404],
    [F.getContact, { rawQueryString: 'group=1' }, 404],
    [F.removeContact, { body: JSON.stringify({ user: CAROL }) }, 404],
    [F.moveContact, { body: JSON.stringify({ user: CAROL, area: 'inbox' }) }, 404],
    [F.createGroup, { body: JSON.stringify({ name: 'x', creator: ALICE, members: [EVE] }) }, 403],
    [F.ingestActivity, { body: JSON.stringify({ message_id: 'az-m2', from: EVE, to_user: ALICE }) }, 403],
  ];
  it.each(
    scenarios.map(
      ([route, request, status]) =>
        [`${route.method} ${route.path} ${request.body ?? request.rawQueryString ?? request.path}`, route, request, status] as const,
    ),
  )("%s → %i, nothing of Alice's read or changed", async (_name, route, request, status) => {
    const answer = await refusedWithoutTrace(route, { ...request, headers: asEve });
    expect(answer.status).toBe(status);
  });

  it("Eve's own lists show nothing of Alice's friends, contacts, groups or blacklist", async () => {
    const lists: Array<[Route, string]> = [
      [S.all, ''],
      [U.blacklist, ''],
      [F.blackList, ''],
      [F.list, 'area=inbox'],
      [F.list, 'area=archive'],
      [F.list, 'area=all'],
    ];
    for (const [route, rawQueryString] of lists) {
      const answer = await viaGateway(route, { headers: asEve, rawQueryString });
      expect(answer.status).toBe(200);
      expect(answer.text).not.toMatch(new RegExp(`${ALICE}|${CAROL}|${DAVE}|SECRET`));
    }
  });

  it("Eve's writes that name Alice's friend or blocked user leave Alice's records as they were", async () => {
    const before = await itemsNotAbout(EVE);
    const writes: Array<[Route, unknown]> = [
      [S.batchDelete, { friendIds: [CAROL, ALICE] }],
      [U.removeFromBlacklist, { friendId: DAVE }],
      [F.updateRelation, { action: 'unblack', friend: DAVE }],
      [F.markRead, { from_user: [CAROL], to_group: [1] }],
    ];
    for (const [route, body] of writes) {
      const answer = await viaGateway(route, { headers: asEve, body: JSON.stringify(body) });
      expect(answer.status, `${route.path} ${answer.text}`).toBeLessThan(500);
      expect(answer.text).not.toMatch(SECRET);
    }
    expect(await itemsNotAbout(EVE)).toEqual(before);
    // And Alice still sees her own data.
    const alice = { authorization: bearer(ALICE) };
    expect(
      (await viaGateway(S.getFriendDescription, { headers: alice, body: JSON.stringify({ friendId: CAROL }) })).body.result.description,
    ).toBe('SECRET-DESC');
    expect((await viaGateway(U.blacklist, { headers: alice })).body.result.map((row: { user: { id: string } }) => row.user.id)).toEqual([
      DAVE,
    ]);
  });
});
