import { describe, expect, it } from 'vitest';
import { manyUsers } from '../featapi/helpers.js';
import { localToken, useLocalServer } from '../support/http-client.js';
import { usersig } from '../support/tim.js';

/**
 * The recent-contact list as a black-box client sees it, through the local HTTP server, and one
 * relation walked across SealTalk and FeatAPI alternately, ingested, and paged with Tencent's own
 * signatures.
 */
const { request, tim: timCall } = useLocalServer();
const token = (sub: string, scope?: string) => localToken(sub, scope === undefined ? {} : { scope });

/** A Tencent REST call through the server: HTTP 200 always, the body is what counts. */
async function tim(api: string, body: unknown, query: Record<string, string | undefined> = {}) {
  const out = await timCall(api, body, query);
  expect(out.status).toBe(200);
  return out.body;
}

const FIRST = { TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 };
const sessions = async (from: string) =>
  (
    (await tim('get_list', { From_Account: from, ...FIRST })).SessionItem as Array<{
      Type: number;
      To_Account?: string;
      GroupId?: string;
      TopFlag: number;
    }>
  ).map((s) => `${s.Type === 1 ? s.To_Account : `G:${s.GroupId}`}${s.TopFlag ? '*' : ''}`);

describe('recent-contact list over HTTP', () => {
  it("get_list, top and delete answer Tencent's envelope, with its codes for every refusal", async () => {
    const owner = token('hx-owner');
    await request('GET', '/user/get_privacy', { token: owner });
    await request('GET', '/user/get_privacy', { token: token('hx-peer') });
    const admin = token('hx-app', 'party_admin');
    expect(
      (
        await request('POST', '/api/party/admin/activity', {
          token: admin,
          body: { message_id: 'hx-1', from: 'hx-peer', to_user: 'hx-owner' },
        })
      ).status,
    ).toBe(200);

    const list = await tim('get_list', { From_Account: 'hx-owner', ...FIRST });
    expect(list).toMatchObject({
      ActionStatus: 'OK',
      ErrorCode: 0,
      CompleteFlag: 1,
      SessionItem: [{ Type: 1, To_Account: 'hx-peer', TopFlag: 0 }],
    });
    expect(
      await tim('top', { From_Account: 'hx-owner', OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: 'hx-peer' }] }),
    ).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    expect(await sessions('hx-owner')).toEqual(['hx-peer*']);
    expect((await tim('delete', { From_Account: 'hx-owner', Type: 1, To_Account: 'hx-peer', ClearRamble: 1 })).ErrorCode).toBe(0);
    expect(await sessions('hx-owner')).toEqual([]);

    // the limit, through the server
    const peers = Array.from({ length: 51 }, (_, i) => `hx-p${i}`);
    await manyUsers(peers);
    const over = await tim('top', {
      From_Account: 'hx-owner',
      OperationType: 1,
      RecentContactItem: peers.map((p) => ({ Type: 1, To_Account: p })),
    });
    expect(over).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 51012 });
    expect(
      (
        await tim('top', {
          From_Account: 'hx-owner',
          OperationType: 1,
          RecentContactItem: peers.slice(0, 50).map((p) => ({ Type: 1, To_Account: p })),
        })
      ).ErrorCode,
    ).toBe(0);

    // codes: unknown account, bad field, bad JSON, usersig failures, not the admin, no SDKAppID
    expect((await tim('get_list', { From_Account: 'hx-nobody', ...FIRST })).ErrorCode).toBe(50001);
    expect((await tim('delete', { From_Account: 'hx-owner', Type: 2, ToGroupId: '1' })).ErrorCode).toBe(50002);
    expect((await tim('top', { From_Account: 'hx-owner', OperationType: 9, RecentContactItem: [] })).ErrorCode).toBe(50002);
    expect((await tim('get_list', '{not json')).ErrorCode).toBe(60003);
    expect(
      (await tim('get_list', { From_Account: 'hx-owner', ...FIRST }, { usersig: usersig(undefined, { key: 'other-key' }) })).ErrorCode,
    ).toBe(70009);
    expect(
      (
        await tim(
          'top',
          { From_Account: 'hx-owner', OperationType: 2, RecentContactItem: [{ Type: 1, To_Account: 'hx-p0' }] },
          { identifier: 'hx-owner' },
        )
      ).ErrorCode,
    ).toBe(50003);
    expect((await tim('delete', { From_Account: 'hx-owner', Type: 1, To_Account: 'hx-p0' }, { sdkappid: undefined })).ErrorCode).toBe(
      60012,
    );
  });

  it('one relation across SealTalk and FeatAPI, ingested activity, and the Tencent list of the same records', async () => {
    const alice = token('wk-alice');
    const bob = token('wk-bob');
    const carol = token('wk-carol');
    const admin = token('wk-app', 'party_admin');
    for (const user of [alice, bob, carol]) await request('GET', '/user/get_privacy', { token: user });
    const featStatus = async (as: string, friend: string) =>
      (await request('GET', `/api/party/contact-list/get_contact/?user=${friend}`, { token: as })).body.data?.status;
    const sealStatus = async (as: string, friend: string) =>
      (await request('GET', '/friendship/all', { token: as })).body.result.find((e: { user: { id: string } }) => e.user.id === friend)
        ?.status;

    // FeatAPI apply → SealTalk sees a request → SealTalk agree → FeatAPI 300 on both sides
    expect(
      (await request('POST', '/api/party/contact-list/update_relation/', { token: alice, body: { action: 'apply', friend: 'wk-bob' } }))
        .body.data.status,
    ).toBe(100);
    expect(await sealStatus(bob, 'wk-alice')).toBe(11);
    expect((await request('POST', '/friendship/agree', { token: bob, body: { friendId: 'wk-alice' } })).body).toEqual({
      code: 200,
      result: { action: 'Added' },
    });
    expect([await featStatus(alice, 'wk-bob'), await featStatus(bob, 'wk-alice')]).toEqual([300, 300]);

    // SealTalk invite → FeatAPI 200 → FeatAPI accept → SealTalk 20
    expect(
      (await request('POST', '/friendship/invite', { token: carol, body: { friendId: 'wk-alice', message: 'hi' } })).body.result,
    ).toEqual({ action: 'Sent' });
    expect(await featStatus(alice, 'wk-carol')).toBe(200);
    expect(
      (await request('POST', '/api/party/contact-list/update_relation/', { token: alice, body: { action: 'accept', friend: 'wk-carol' } }))
        .body.data.status,
    ).toBe(300);
    expect(await sealStatus(carol, 'wk-alice')).toBe(20);

    // a SealTalk blacklist entry is 600 in FeatAPI; FeatAPI unblack restores 300 and clears SealTalk's list
    expect((await request('POST', '/user/add_to_blacklist', { token: alice, body: { friendId: 'wk-carol' } })).status).toBe(200);
    expect(
      (await request('GET', '/api/party/contact-list/black_list/', { token: alice })).body.data.map(
        (c: { friend: string; status: number }) => [c.friend, c.status],
      ),
    ).toEqual([['wk-carol', 600]]);
    expect(
      (await request('POST', '/api/party/contact-list/update_relation/', { token: alice, body: { action: 'unblack', friend: 'wk-carol' } }))
        .body.data.status,
    ).toBe(300);
    expect((await request('GET', '/user/blacklist', { token: alice })).body.result).toEqual([]);

    // activity: bob then carol write to alice; the Tencent list shows carol first, bob next
    for (const [id, from] of [
      ['wk-m1', 'wk-bob'],
      ['wk-m2', 'wk-carol'],
    ]) {
      expect(
        (await request('POST', '/api/party/admin/activity', { token: admin, body: { message_id: id, from, to_user: 'wk-alice' } })).body
          .data.duplicate,
      ).toBe(false);
    }
    const page = await tim('get_list', { From_Account: 'wk-alice', ...FIRST });
    expect(page.SessionItem.map((s: { To_Account: string }) => s.To_Account)).toEqual(['wk-carol', 'wk-bob']);
    const bobContact = (await request('GET', '/api/party/contact-list/get_contact/?user=wk-bob', { token: alice })).body.data;
    expect(page.SessionItem[1].MsgTime).toBe(Math.floor(Date.parse(bobContact.contact_time) / 1000));
    expect(bobContact.unread_count).toBe(1);
    expect(await sessions('wk-bob')).toEqual(['wk-alice']);

    // a retried delivery counts once and changes no order; mark_read clears the unread count
    expect(
      (
        await request('POST', '/api/party/admin/activity', {
          token: admin,
          body: { message_id: 'wk-m1', from: 'wk-bob', to_user: 'wk-alice' },
        })
      ).body.data.duplicate,
    ).toBe(true);
    expect(await sessions('wk-alice')).toEqual(['wk-carol', 'wk-bob']);
    expect(
      (await request('POST', '/api/party/message/mark_read/', { token: alice, body: { from_user: ['wk-bob'], to_group: [] } })).body.data
        .is_success,
    ).toBe(true);
    expect((await request('GET', '/api/party/contact-list/get_contact/?user=wk-bob', { token: alice })).body.data.unread_count).toBe(0);

    // pinning through Tencent, removing through FeatAPI: one list
    expect(
      (await tim('top', { From_Account: 'wk-alice', OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: 'wk-bob' }] })).ErrorCode,
    ).toBe(0);
    expect(await sessions('wk-alice')).toEqual(['wk-bob*', 'wk-carol']);
    expect((await request('POST', '/api/party/contact-list/remove_contact/', { token: alice, body: { user: 'wk-carol' } })).status).toBe(
      200,
    );
    expect(await sessions('wk-alice')).toEqual(['wk-bob*']);
    expect((await tim('delete', { From_Account: 'wk-alice', Type: 1, To_Account: 'wk-bob' })).ErrorCode).toBe(0);
    expect((await request('GET', '/api/party/contact-list/?area=all', { token: alice })).body.data.results).toEqual([]);
  });
});
