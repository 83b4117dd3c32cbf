import { beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes } from '../../lib/routes/accounts.js';
import { recentContactRoutes } from '../../lib/routes/recent-contacts.js';
import { call } from '../support/call.js';
import { U, userWithPhone } from '../support/sealtalk.js';
import { expectUnchanged } from '../support/table-state.js';
import { callTim, usersig } from '../support/tim.js';
import { manyUsers } from '../featapi/helpers.js';
import { accounts, c2c, fails, getPage, mark, ok } from '../tencent-groups/helpers.js';
import { deleteAccounts, userRecord } from './stream.js';

/** account_delete as the app server calls it: what the request itself answers and does at once. */
const A = accountRoutes.deleteAccount;
const same = (a: string, b: string) => expect(a).toBe(b);
const deleted = (UserID: string) => ({ ResultCode: 0, ResultInfo: '', UserID });
const unknown = (UserID: string) => ({ ResultCode: 70107, ResultInfo: 'Err_TLS_PT_Open_Login_Account_Not_Exist', UserID });

beforeAll(async () => {
  await accounts('rq-keep');
});

describe('POST /v4/im_open_login_svc/account_delete', () => {
  it("answers Tencent's shape in the request's order, 70107 for an account that does not exist", async () => {
    await accounts('rq-a', 'rq-b');
    const { body } = await deleteAccounts(['rq-a', 'rq-nobody', 'rq-b']);
    expect(body).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
      ResultItem: [deleted('rq-a'), unknown('rq-nobody'), deleted('rq-b')],
    });
    expect(await userRecord('rq-a')).toBeUndefined();
    expect(await userRecord('rq-b')).toBeUndefined();
    // deleting again: the account no longer exists
    expect((await deleteAccounts(['rq-a'])).body.ResultItem).toEqual([unknown('rq-a')]);
  });

  it('deletes 100 accounts in one call; a repeated id is deleted once and answered in each place', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `rq-many-${i}`);
    await manyUsers(ids);
    const { body } = await deleteAccounts(ids);
    expect(body.ResultItem).toEqual(ids.map(deleted));
    for (const id of ids.slice(0, 5)) expect(await userRecord(id)).toBeUndefined();

    await accounts('rq-twice');
    expect((await deleteAccounts(['rq-twice', 'rq-twice'])).body.ResultItem).toEqual([deleted('rq-twice'), deleted('rq-twice')]);
  });

  it('refuses an empty, missing or oversized DeleteItem (50002) and a body that is not JSON (60003), deleting nobody', async () => {
    await expectUnchanged(async () => {
      const tooMany = Array.from({ length: 101 }, () => ({ UserID: 'rq-keep' }));
      const bodies = [
        {},
        { DeleteItem: [] },
        { DeleteItem: tooMany },
        { DeleteItem: 'rq-keep' },
        { DeleteItem: [{ UserID: '' }] },
        { DeleteItem: [{ UserID: 'rq-keep' }, { UserID: 42 }] },
        { DeleteItem: [{ UserID: 'x'.repeat(129) }] },
        { DeleteItem: [{ UserID: 'a\u0000b' }] },
        [],
      ];
      for (const body of bodies) {
        fails(await callTim(A, body), 50002);
      }
      fails(await callTim(A, '{"DeleteItem": ['), 60003);
      fails(await callTim(A, 'not json'), 60003);
    }, same);
    expect(await userRecord('rq-keep')).toBeDefined();
  });

  it('is for the app admin only, with a valid usersig', async () => {
    const body = { DeleteItem: [{ UserID: 'rq-keep' }] };
    await expectUnchanged(async () => {
      fails(await callTim(A, body, { identifier: 'rq-keep', usersig: usersig('rq-keep') }), 50003);
      fails(await callTim(A, body, { usersig: usersig(undefined, { key: 'not-the-key' }) }), 70009);
      fails(await callTim(A, body, { usersig: 'garbage' }), 70003);
      fails(await callTim(A, body, { sdkappid: undefined }), 60012);
      fails(await callTim(A, body, { sdkappid: '1400000001' }), 70020);
      expect((await call(A, { as: 'rq-keep', body })).body.ActionStatus).toBe('FAIL');
    }, same);
    expect(await userRecord('rq-keep')).toBeDefined();
  });

  it('makes the account unknown to every /v4 call at once: 50001 as From_Account and as a C2C peer of top', async () => {
    await accounts('rq-gone', 'rq-friend');
    ok(await mark('rq-gone', [{ OptType: 1, ContactItem: c2c('rq-friend'), SetMark: [0] }]));
    await deleteAccounts(['rq-gone']);
    fails(await getPage('rq-gone'), 50001);
    fails(await mark('rq-gone', [{ OptType: 1, ContactItem: c2c('rq-friend'), SetMark: [1] }]), 50001);
    const R = recentContactRoutes;
    const firstPage = { TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 };
    fails(await callTim(R.getList, { From_Account: 'rq-gone', ...firstPage }), 50001);
    const pinGone = { From_Account: 'rq-friend', OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: 'rq-gone' }] };
    fails(await callTim(R.top, pinGone), 50001);
    fails(await callTim(R.delete, { From_Account: 'rq-gone', Type: 1, To_Account: 'rq-friend' }), 50001);
  });

  it('frees the phone and stAccount at once: a new user takes them', async () => {
    await userWithPhone('rq-phone', '13900001111');
    expect((await call(U.setStAccount, { as: 'rq-phone', body: { stAccount: 'rqaccount1' } })).status).toBe(200);
    await deleteAccounts(['rq-phone']);
    await userWithPhone('rq-heir', '13900001111');
    expect((await call(U.findByPhone, { as: 'rq-keep', params: { region: '86', phone: '13900001111' } })).body.result.id).toBe('rq-heir');
    expect((await call(U.setStAccount, { as: 'rq-heir', body: { stAccount: 'rqaccount1' } })).status).toBe(200);
  });

  it('lets the id register again on its next call, in a container that knew it', async () => {
    expect((await call(U.setNickname, { as: 'rq-back', body: { nickname: 'first life' } })).status).toBe(200);
    await deleteAccounts(['rq-back']);
    // a route that does not read the caller's record: the deletion made this container forget them
    expect((await call(U.blacklist, { as: 'rq-back' })).status).toBe(200);
    expect(await userRecord('rq-back')).toMatchObject({ id: 'rq-back', nickname: 'rq-back' });
  });
});
