import { describe, expect, it } from 'vitest';
import { localToken, useLocalServer } from '../support/http-client.js';
import { timQuery } from '../support/tim.js';
import { drain, mentions, removeRecord, userRecord } from './stream.js';

/** Account deletion as a black-box client sees it, through the local HTTP server: Tencent's own usersig, then all three dialects. */
const { request } = useLocalServer();

const accountDelete = (body: unknown, query: Record<string, string | undefined> = {}) =>
  request('POST', `/v4/im_open_login_svc/account_delete?${timQuery(query)}`, { body });

describe('account_delete over HTTP', () => {
  it('deletes, leaves friends no trace once the stream has run, and lets the id and phone register again', async () => {
    const doomed = localToken('ht-doomed', { phone: '13600000001', region: '86' });
    const friend = localToken('ht-friend');
    expect((await request('GET', '/user/get_privacy', { token: doomed })).status).toBe(200);
    const invite = await request('POST', '/friendship/invite', { token: friend, body: { friendId: 'ht-doomed', message: 'hi' } });
    expect(invite.status).toBe(200);
    expect((await request('POST', '/friendship/agree', { token: doomed, body: { friendId: 'ht-friend' } })).status).toBe(200);
    const profile = await userRecord('ht-doomed');

    const out = await accountDelete({ DeleteItem: [{ UserID: 'ht-doomed' }, { UserID: 'ht-never' }] });
    expect(out).toEqual({
      status: 200,
      body: {
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        ErrorDisplay: '',
        ResultItem: [
          { ResultCode: 0, ResultInfo: '', UserID: 'ht-doomed' },
          { ResultCode: 70107, ResultInfo: 'Err_TLS_PT_Open_Login_Account_Not_Exist', UserID: 'ht-never' },
        ],
      },
    });
    expect((await accountDelete({ DeleteItem: [] })).body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 50002 });
    expect((await accountDelete('{')).body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60003 });

    await drain([removeRecord(profile!)]);
    for (const path of ['/friendship/all', '/user/blacklist', '/api/party/contact-list?area=all', '/api/party/contact-list/black_list']) {
      const seen = await request('GET', path, { token: friend });
      expect(seen.status, path).toBe(200);
      expect(mentions(seen.body, 'ht-doomed'), path).toBe(false);
    }

    // the server saw the user before: their next call makes them anew, empty, with their phone
    const again = await request('GET', '/friendship/all', { token: doomed });
    expect(again).toEqual({ status: 200, body: { code: 200, result: [] } });
    expect(await userRecord('ht-doomed')).toMatchObject({ id: 'ht-doomed', phone: '13600000001' });
  });
});
