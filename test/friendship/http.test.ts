import { describe, expect, it } from 'vitest';
import { signJwt } from '../../lib/auth/jwt.js';
import { localToken, useLocalServer } from '../support/http-client.js';

/** SealTalk as a client sees it, through the local HTTP server (API Gateway's part played locally). */
const { request, url } = useLocalServer();
const token = localToken;

describe('SealTalk over HTTP', () => {
  it('token → invite → agree → all, and the literal /user/blacklist beats /user/{id}', async () => {
    const alice = token('hs-alice', { nickname: 'Alice', phone: '13900000901', region: '86' });
    const bob = token('hs-bob', { nickname: 'Bob' });
    expect(await request('GET', '/user/get_privacy', { token: bob })).toEqual({
      status: 200,
      body: { code: 200, result: { friVerify: 1 } },
    });

    expect(await request('POST', '/friendship/invite', { token: alice, body: { friendId: 'hs-bob', message: 'hi, I am Alice' } })).toEqual({
      status: 200,
      body: { code: 200, result: { action: 'Sent' } },
    });
    expect(await request('POST', '/friendship/agree', { token: bob, body: { friendId: 'hs-alice' } })).toEqual({
      status: 200,
      body: { code: 200, result: { action: 'Added' } },
    });

    const all = await request('GET', '/friendship/all', { token: alice });
    expect(all.status).toBe(200);
    expect(all.body.result).toEqual([
      {
        displayName: '',
        message: '',
        status: 20,
        updatedAt: expect.any(String),
        updatedTime: expect.stringMatching(/^\d{13}$/),
        user: { id: 'hs-bob', nickname: 'Bob', region: '', phone: '', portraitUri: '', gender: '', stAccount: '' },
      },
    ]);
    const bobsView = await request('GET', '/friendship/all', { token: bob });
    expect(bobsView.body.result[0]).toMatchObject({
      status: 20,
      message: 'hi, I am Alice',
      user: { id: 'hs-alice', nickname: 'Alice', phone: '13900000901', region: '86' },
    });

    expect((await request('GET', '/friendship/hs-bob/profile', { token: alice })).body.result.user.id).toBe('hs-bob');
    expect((await request('GET', '/user/find/86/13900000901', { token: bob })).body.result.id).toBe('hs-alice');
    expect(await request('GET', '/user/blacklist', { token: bob })).toEqual({ status: 200, body: { code: 200, result: [] } });
    expect((await request('GET', '/user/hs-alice', { token: bob })).body.result.nickname).toBe('Alice');
  });

  it('401 {code, message} without a token, with a forged or an expired one', async () => {
    const forged = signJwt({ sub: 'hs-eve' }, 'not-the-secret');
    const expired = signJwt({ sub: 'hs-eve', exp: Math.floor(Date.now() / 1000) - 10 }, process.env.LOCAL_JWT_SECRET!);
    for (const credential of [undefined, forged, expired]) {
      const out = await request('GET', '/friendship/all', credential ? { token: credential } : {});
      expect(out.status).toBe(401);
      expect(out.body).toEqual({ code: 401, message: expect.any(String) });
    }
    const post = await request('POST', '/friendship/invite', { body: { friendId: 'hs-bob' } });
    expect(post).toEqual({ status: 401, body: { code: 401, message: expect.any(String) } });
  });

  it("bad JSON is 400 in SealTalk's shape", async () => {
    const res = await fetch(`${url()}/friendship/invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token('hs-carol')}` },
      body: '{"friendId": ',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, message: 'Request body is not valid JSON.' });
  });
});
