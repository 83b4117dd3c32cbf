import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toOpenApiSchema, type JsonSchema } from '../../lib/openapi/json-schema.js';
import { routes } from '../../lib/routes/index.js';
import type { Route } from '../../lib/routes/route.js';
import { call, claimsFor } from '../support/call.js';
import { bearer, encodeLoosely, viaGateway, type GatewayRequest } from '../support/local-gateway.js';
import { tableSnapshot } from '../support/table-state.js';
import { timQuery } from '../support/tim.js';
import { responseMismatch } from '../openapi/documented-response.js';
import { hostileHeaders, hostileNumber, hostileString, hostileValue, malformedBody, shapedBy, type Leaves } from './arbitraries.js';

/**
 * Hostile input over every route of the table (routes added later are covered as they land):
 * malformed and wrongly typed bodies, query strings, headers and path parameters, through the
 * local gateway. Every answer: no 5xx (Tencent: no 50004), valid JSON in the shape the OpenAPI
 * document gives for that status (the dialect's envelope), and a refused call leaves the table
 * exactly as it was.
 */
const CALLER = 'hx-caller';
const FRIEND = 'hx-friend';
const RUNS = { body: 10, query: 6, headers: 6, path: 12 } as const;

const hostileLeaves: Leaves = { string: hostileString, number: hostileNumber };
/** Mostly honest leaves (known users, small numbers) with some hostile ones: reaches the use cases. */
const plausibleLeaves: Leaves = {
  string: fc.oneof(fc.constantFrom(CALLER, FRIEND, '86', '13900000201', 'inbox', 'hello'), hostileString),
  number: fc.oneof(fc.constantFrom(0, 1, 2, 20, 100), hostileNumber),
};

const schemaOf = (route: Route, part: 'body' | 'query' | 'params'): JsonSchema | undefined =>
  route[part] ? toOpenApiSchema(route[part], 'input', {}, '') : undefined;

/** A body shaped like the route's, with plausible or hostile leaves, as JSON text. */
const shapedBody = (route: Route) =>
  fc
    .oneof(shapedBy(schemaOf(route, 'body'), plausibleLeaves), shapedBy(schemaOf(route, 'body'), hostileLeaves))
    .map((value) => JSON.stringify(value) ?? '{}');

/** Query pairs named like the route's parameters or anything else, loosely encoded; and broken query strings. */
const hostileQuery = (route: Route): fc.Arbitrary<string> => {
  const names = Object.keys((schemaOf(route, 'query')?.properties ?? {}) as object);
  const name = names.length ? fc.oneof(fc.constantFrom(...names), hostileString) : hostileString;
  return fc.oneof(
    fc
      .array(fc.tuple(name, fc.oneof(plausibleLeaves.string, hostileString)), { maxLength: 5 })
      .map((pairs) => pairs.map(([key, value]) => `${encodeLoosely(key)}=${encodeLoosely(value)}`).join('&')),
    fc.constantFrom('%', '%zz', '&&&', '=', '==&=', 'a=%E0%A4%A', 'user[]=1&user[]=2', 'user=a&user=b', 'group=1&group=-1', '?', '#frag'),
  );
};

/** Credentials that get a call past auth, so the hostile part reaches validation and the use case. */
function authorised(route: Route, request: GatewayRequest): GatewayRequest {
  if (route.auth === 'usersig') {
    return { ...request, rawQueryString: [timQuery(), request.rawQueryString].filter(Boolean).join('&') };
  }
  return { ...request, headers: { ...request.headers, authorization: bearer(CALLER) } };
}

const refused = (route: Route, status: number, body: any) => (route.dialect === 'tencent' ? body?.ActionStatus !== 'OK' : status >= 400);

/** Sends one hostile request and checks everything a hostile client must never see. */
async function expectSafeAnswer(route: Route, request: GatewayRequest): Promise<void> {
  const before = await tableSnapshot();
  const answer = await viaGateway(route, request);
  const context = `${route.method} ${route.path} ${JSON.stringify(request).slice(0, 400)} → ${answer.status} ${answer.text.slice(0, 400)}`;
  expect(answer.status, context).toBeLessThan(500);
  expect(answer.body, `not JSON: ${context}`).toBeDefined();
  if (route.dialect === 'tencent') {
    expect(answer.status, context).toBe(200);
    expect(answer.body.ErrorCode, context).not.toBe(50004);
  }
  expect(await responseMismatch(route, answer.status, answer.body), context).toBeUndefined();
  if (refused(route, answer.status, answer.body)) expect(await tableSnapshot(), `table changed: ${context}`).toBe(before);
  // a call that went through may have deleted the fixture users (account_delete): they register again now
  else await registerFixtureUsers();
}

/** The caller and a friend exist, so that a refused call has nothing legitimate to write. */
async function registerFixtureUsers(): Promise<void> {
  for (const user of [CALLER, FRIEND])
    await call(
      routes.find((r) => r.path === '/user/get_privacy')!,
      { as: claimsFor(user) },
    );
}

const postRoutes = routes.filter((route) => route.method === 'POST');
const paramRoutes = routes.filter((route) => route.params);

beforeAll(registerFixtureUsers);

describe.each(postRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))('hostile body: %s', (_, route) => {
  it('not JSON, JSON of any type, deep nesting, huge and odd strings, fields of the wrong type', async () => {
    const body = fc.oneof(
      malformedBody,
      shapedBody(route),
      hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
    );
    await fc.assert(
      fc.asyncProperty(body, (text) => expectSafeAnswer(route, authorised(route, { body: text }))),
      { numRuns: RUNS.body },
    );
  });
});

describe.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('hostile query and headers: %s', (_, route) => {
  it('query strings', async () => {
    await fc.assert(
      fc.asyncProperty(hostileQuery(route), shapedBody(route), (query, body) =>
        expectSafeAnswer(route, authorised(route, { rawQueryString: query, ...(route.method === 'POST' ? { body } : {}) })),
      ),
      { numRuns: RUNS.query },
    );
  });

  it('headers', async () => {
    await fc.assert(
      fc.asyncProperty(hostileHeaders, shapedBody(route), (headers, body) =>
        expectSafeAnswer(route, authorised(route, { headers, ...(route.method === 'POST' ? { body } : {}) })),
      ),
      { numRuns: RUNS.headers },
    );
  });
});

describe.each(paramRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))('hostile path parameters: %s', (_, route) => {
  it('unicode, huge, injection-looking, encoded-slash and badly percent-encoded segments', async () => {
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    /** Path segments as sent: hostile text URL-encoded, or raw text no encoder makes. */
    const segment = fc.oneof(
      fc
        .oneof(hostileString, plausibleLeaves.string, fc.constantFrom('a/b', '%', '..'))
        .filter((value) => value !== '')
        .map(encodeLoosely),
      fc.constantFrom('%ED%A0%80', '%E0%A4%A', '%zz', '%', '%00', '%2F', '%2e%2e', '..', '.', '%C0%AF', '%F0%9F%98'),
    );
    const params = fc.record(Object.fromEntries(names.map((name) => [name, segment])));
    await fc.assert(
      fc.asyncProperty(params, (values) => {
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (values as Record<string, string>)[name]!);
        return expectSafeAnswer(route, authorised(route, { path }));
      }),
      { numRuns: RUNS.path },
    );
  });
});

/** A JSON body holding a lone surrogate (JSON.stringify writes it as a `\udXXX` escape). */
const LONE_SURROGATE_ESCAPE = /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

/** Every POST route refuses text that is not well-formed Unicode (Tencent with 50002, the others with 400). */
const refusesLoneSurrogates = postRoutes;

/** Strings that each hold a lone surrogate, before or after otherwise plausible text. */
const brokenLeaves: Leaves = {
  string: fc
    .tuple(
      fc.constantFrom(CALLER, FRIEND, '86', '13900000201', 'hello'),
      fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
      fc.boolean(),
    )
    .map(([text, surrogate, before]) => (before ? surrogate + text : text + surrogate)),
  number: plausibleLeaves.number,
};
const brokenBody = (route: Route) => shapedBy(schemaOf(route, 'body'), brokenLeaves).map((value) => JSON.stringify(value) ?? '{}');
/** Routes whose body has some free-text field (set_gender, set_privacy have only enums and numbers). */
const withTextFields = refusesLoneSurrogates.filter((route) =>
  fc.sample(brokenBody(route), { numRuns: 30, seed: 1 }).some((body) => LONE_SURROGATE_ESCAPE.test(body)),
);

describe.each(withTextFields.map((route) => [`${route.method} ${route.path}`, route] as const))('lone surrogates: %s', (_, route) => {
  it('a body with a lone surrogate in any string is refused and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(brokenBody(route), async (body) => {
        fc.pre(LONE_SURROGATE_ESCAPE.test(body));
        const before = await tableSnapshot();
        const answer = await viaGateway(route, authorised(route, { body }));
        if (route.dialect === 'tencent') expect(answer.body?.ErrorCode, `${route.path} ${body} → ${answer.text}`).toBe(50002);
        else expect(answer.status, `${route.path} ${body} → ${answer.text}`).toBe(400);
        expect(await tableSnapshot()).toBe(before);
      }),
      { numRuns: 5 },
    );
  });
});

describe('text that is not well-formed Unicode', () => {
  const byPath = (path: string) => routes.find((route) => route.path === path)!;
  it.each([
    ['/user/set_nickname', { nickname: 'a\uD800b' }],
    ['/user/set_nickname', { nickname: 'a\u0000b' }],
    ['/user/set_portrait_uri', { portraitUri: '\uDC00' }],
    ['/friendship/invite', { friendId: FRIEND, message: 'hi \uD83D' }],
    ['/friendship/get_contacts_info', { contactList: ['\uD800'] }],
    ['/user/add_to_blacklist', { friendId: 'x\uDFFF' }],
  ])('is refused with 400 and not stored: %s %j', async (path, body) => {
    const route = byPath(path);
    const before = await tableSnapshot();
    const answer = await viaGateway(route, authorised(route, { body: JSON.stringify(body) }));
    expect(answer.status, answer.text).toBe(400);
    expect(answer.body.message).toMatch(/valid Unicode/);
    expect(await tableSnapshot()).toBe(before);
  });
});
