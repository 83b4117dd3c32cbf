import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toOpenApiSchema } from '../../lib/openapi/json-schema.js';
import { accountRoutes as A } from '../../lib/routes/accounts.js';
import { conversationGroupRoutes as G } from '../../lib/routes/conversation-groups.js';
import { featapiRoutes as F } from '../../lib/routes/featapi.js';
import { friendshipRoutes as S } from '../../lib/routes/friendship.js';
import { routes } from '../../lib/routes/index.js';
import { recentContactRoutes as R } from '../../lib/routes/recent-contacts.js';
import type { Route } from '../../lib/routes/route.js';
import { userRoutes as U } from '../../lib/routes/user.js';
import { USER_ID_MAX_CHARS } from '../../lib/schemas/common.js';
import { useLocalServer, localToken } from '../support/http-client.js';
import { bearer, concretePath, viaGateway, type GatewayAnswer } from '../support/local-gateway.js';
import { timQuery } from '../support/tim.js';
import { shapedBy } from './arbitraries.js';

/**
 * The longest valid ids — 128 characters of 4 bytes, 512 bytes each — walk every route through the
 * local gateway and the real handlers: every call answers as the dialect says (the walk below
 * expects success where a real client would get it) and none answers 5xx (Tencent: 50004), since no
 * key built from them can exceed DynamoDB's limits (`test/store/key-limits.test.ts`).
 */
const longest = (char: string) => char.repeat(USER_ID_MAX_CHARS);
const ME = longest('😀');
const FRIEND = longest('𝒜');
const OTHER = longest('🀄');
const ASKER = longest('中');
const MESSAGE_ID = longest('🛰');
const TIM_GROUP = '群'.repeat(48);
/** The app server's token: scope party_admin. */
const APP_SERVER = { as: 'li-appserver', claims: { scope: 'party_admin' } };

interface Call {
  as?: string;
  claims?: Record<string, unknown>;
  body?: unknown;
  query?: Record<string, string>;
  params?: Record<string, string>;
}

const reached = new Set<Route>();

async function send(route: Route, request: Call): Promise<GatewayAnswer> {
  reached.add(route);
  const query = new URLSearchParams(request.query ?? {}).toString();
  const answer = await viaGateway(route, {
    path: concretePath(route, request.params),
    rawQueryString: route.auth === 'usersig' ? [timQuery(), query].filter(Boolean).join('&') : query,
    headers: route.auth === 'user' ? { authorization: bearer(request.as ?? ME, request.claims ?? {}) } : {},
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const context = `${route.method} ${route.path} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, context).toBeLessThan(500);
  if (route.dialect === 'tencent') expect(answer.body?.ErrorCode, context).not.toBe(50004);
  return answer;
}

/** The call succeeds as the dialect says success. */
async function ok(route: Route, request: Call = {}): Promise<any> {
  const answer = await send(route, request);
  const context = `${route.method} ${route.path} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, context).toBe(200);
  if (route.dialect === 'sealtalk') expect(answer.body.code, context).toBe(200);
  if (route.dialect === 'tencent') expect(answer.body.ActionStatus, context).toBe('OK');
  return route.dialect === 'sealtalk' ? answer.body.result : route.dialect === 'featapi' ? answer.body.data : answer.body;
}

describe('the longest valid ids walk every route', () => {
  it('SealTalk friendship and user routes', async () => {
    await ok(U.getPrivacy, { as: ME, claims: { phone: '139128', region: '86' } });
    for (const id of [FRIEND, OTHER, ASKER]) await ok(U.getPrivacy, { as: id });
    expect(await ok(S.invite, { body: { friendId: FRIEND, message: 'm'.repeat(64) } })).toEqual({ action: 'Sent' });
    expect(await ok(S.agree, { as: FRIEND, body: { friendId: ME } })).toEqual({ action: 'Added' });
    await ok(S.setDisplayName, { body: { friendId: FRIEND, displayName: '名'.repeat(32) } });
    await ok(S.setFriendDescription, { body: { friendId: FRIEND, region: '86', phone: '1'.repeat(32), description: 'd'.repeat(1000) } });
    expect(await ok(S.getFriendDescription, { body: { friendId: FRIEND } })).toMatchObject({ description: 'd'.repeat(1000) });
    expect((await ok(S.profile, { params: { friendId: FRIEND } })).user.id).toBe(FRIEND);
    expect((await ok(U.get, { params: { id: FRIEND } })).id).toBe(FRIEND);
    expect((await ok(S.all)).map((entry: { user: { id: string } }) => entry.user.id)).toEqual([FRIEND]);
    await ok(S.contactsInfo, { body: { contactList: ['139128'] } });
    expect(await ok(S.invite, { as: ASKER, body: { friendId: ME, message: '' } })).toEqual({ action: 'Sent' });
    await ok(S.ignore, { body: { friendId: ASKER } });
    await ok(U.addToBlacklist, { body: { friendId: OTHER } });
    expect((await ok(U.blacklist)).map((entry: { user: { id: string } }) => entry.user.id)).toEqual([OTHER]);
    await ok(U.removeFromBlacklist, { body: { friendId: OTHER } });
    await ok(U.setNickname, { body: { nickname: '😀'.repeat(32) } });
    await ok(U.setPortraitUri, { body: { portraitUri: 'p'.repeat(1024) } });
    await ok(U.setGender, { body: { gender: 'female' } });
    await ok(U.setStAccount, { body: { stAccount: `L${'o'.repeat(19)}` } });
    await ok(U.setPrivacy, { body: { friVerify: 0 } });
    await ok(U.findByPhone, { params: { region: '86', phone: '139128' } });
    await ok(S.delete, { body: { friendId: FRIEND } });
    await ok(S.batchDelete, { body: { friendIds: [FRIEND, OTHER, ASKER] } });
  });

  it('FeatAPI contact list, relations and admin routes', async () => {
    expect(await ok(F.updateRelation, { as: OTHER, body: { action: 'apply', friend: FRIEND } })).toMatchObject({ status: 100 });
    expect(await ok(F.updateRelation, { as: FRIEND, body: { action: 'accept', friend: OTHER } })).toMatchObject({ status: 300 });
    expect(await ok(F.getContact, { as: OTHER, query: { user: FRIEND } })).toMatchObject({ friend: FRIEND, status: 300 });
    await ok(F.list, { as: OTHER, query: { area: 'all' } });
    await ok(F.moveContact, { as: OTHER, body: { user: FRIEND, area: 'archive' } });
    await ok(F.markRead, { as: OTHER, body: { from_user: [FRIEND], to_group: [] } });
    expect(await ok(F.updateRelation, { as: OTHER, body: { action: 'black', friend: FRIEND } })).toMatchObject({ status: 600 });
    expect((await ok(F.blackList, { as: OTHER })).map((contact: { friend: string }) => contact.friend)).toEqual([FRIEND]);
    await ok(F.updateRelation, { as: OTHER, body: { action: 'unblack', friend: FRIEND } });
    await ok(F.removeContact, { as: OTHER, body: { user: FRIEND } });
    const group = await ok(F.createGroup, { ...APP_SERVER, body: { name: 'g'.repeat(64), creator: ME, members: [FRIEND] } });
    await ok(F.addMembers, { ...APP_SERVER, body: { group: group.id, members: [OTHER] } });
    await ok(F.ingestActivity, { ...APP_SERVER, body: { message_id: MESSAGE_ID, from: FRIEND, to_user: OTHER } });
    await ok(F.ingestActivity, { ...APP_SERVER, body: { message_id: `${MESSAGE_ID.slice(0, -2)}g`, from: ME, to_group: group.id } });
  });

  it('Tencent conversation marks, groups and the recent-contact list', async () => {
    const c2c = { Type: 1, To_Account: FRIEND };
    const timGroup = { Type: 2, ToGroupId: TIM_GROUP };
    await ok(G.markContact, {
      body: {
        From_Account: ME,
        MarkItem: [
          { OptType: 3, ContactItem: c2c, SetMark: [0, 63], CustomMark: 'c'.repeat(256) },
          { OptType: 1, ContactItem: timGroup, SetMark: [1] },
        ],
      },
    });
    const newGroup = { GroupName: 'n'.repeat(32), ContactItem: [c2c, timGroup] };
    await ok(G.createContactGroup, { body: { From_Account: ME, GroupContactItem: [newGroup] } });
    await ok(G.updateContactGroup, {
      body: {
        From_Account: ME,
        UpdateType: 1,
        UpdateGroup: {
          UpdateGroupType: 2,
          OldGroupName: 'n'.repeat(32),
          ContactUpdateItem: [{ ContactOptType: 1, ContactItem: { Type: 1, To_Account: OTHER } }],
        },
      },
    });
    await ok(G.updateContactGroup, {
      body: {
        From_Account: ME,
        UpdateType: 1,
        UpdateGroup: { UpdateGroupType: 1, OldGroupName: 'n'.repeat(32), NewGroupName: 'm'.repeat(32) },
      },
    });
    const searched = await ok(G.searchContactGroup, { body: { From_Account: ME, ContactItem: [c2c, timGroup] } });
    expect(searched.ContactResultItem).toHaveLength(2);
    await ok(G.getContactGroup, { body: { From_Account: ME, StartIndex: 0 } });
    await ok(G.delContactGroup, { body: { From_Account: ME, GroupName: ['m'.repeat(32)] } });
    await ok(R.top, { body: { From_Account: OTHER, OperationType: 1, RecentContactItem: [c2c, { Type: 2, GroupId: TIM_GROUP }] } });
    await ok(R.getList, { body: { From_Account: OTHER, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 } });
    await ok(R.delete, { body: { From_Account: OTHER, Type: 1, To_Account: FRIEND } });
  });

  it('Tencent account deletion', async () => {
    const deleted = await ok(A.deleteAccount, { body: { DeleteItem: [{ UserID: OTHER }, { UserID: longest('🛸') }] } });
    expect(deleted.ResultItem.map((item: any) => item.ResultCode)).toEqual([0, 70107]);
  });

  it('every route of the table was walked above (a new route joins the walk)', () => {
    const missed = routes.filter((route) => !reached.has(route)).map((route) => `${route.method} ${route.path}`);
    expect(missed).toEqual([]);
  });
});

describe('the longest valid ids in every field of every route (including routes added later): never a 5xx', () => {
  const users = fc.constantFrom(ME, FRIEND, OTHER, ASKER, TIM_GROUP);
  // Deleting the fixture users would leave later tests without them: account_delete gets the longest unknown ids.
  const strangers = fc.constantFrom(longest('🛸'), longest('🌵'));
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', async (_, route) => {
    const leaves = { string: route === A.deleteAccount ? strangers : users, number: fc.constantFrom(0, 1, 2, 20) };
    const body = route.body ? shapedBy(toOpenApiSchema(route.body, 'input', {}, ''), leaves) : fc.constant(undefined);
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    const params = fc.record(Object.fromEntries(names.map((name) => [name, leaves.string])));
    await fc.assert(
      fc.asyncProperty(body, params, async (value, values) => {
        await send(route, { ...(value === undefined ? {} : { body: value }), params: values as Record<string, string> });
      }),
      { numRuns: 4 },
    );
  });
});

describe('the longest valid ids over HTTP (the local server)', () => {
  const http = useLocalServer();

  it('a caller with the longest id signs in, invites and lists without a 5xx', async () => {
    const me = longest('🐉');
    const token = localToken(me);
    expect((await http.request('GET', '/user/get_privacy', { token })).body).toEqual({ code: 200, result: { friVerify: 1 } });
    expect((await http.request('POST', '/friendship/invite', { token, body: { friendId: FRIEND, message: 'hi' } })).body).toEqual({
      code: 200,
      result: { action: 'Sent' },
    });
    const all = await http.request('GET', '/friendship/all', { token });
    expect(all.body.result.map((entry: { user: { id: string } }) => entry.user.id)).toEqual([FRIEND]);
    const firstPage = { TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 };
    const list = await http.tim('get_list', { From_Account: me, ...firstPage });
    expect(list.body.ActionStatus).toBe('OK');
  });
});
