import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToken } from '../support/http-client.js';
import { startReceiver } from '../support/callback-receiver.js';
import { npmStart } from '../support/npm-start.js';
import { TIM, timQuery } from '../support/tim.js';

/**
 * `npm start` as a user runs it, with `TIM_CALLBACK_URL` and `TIM_CALLBACK_TOKEN` set: the change
 * stream runs behind the API, so relationship changes made over HTTP arrive as signed Tencent
 * callbacks, a profile change reaches the friend's copy, and an account deletion leaves no trace on
 * the friend's side (docs/change-stream.md, docs/events-and-callbacks.md, docs/account-deletion.md).
 */
const TOKEN = 'e2e-callback-token';
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: Awaited<ReturnType<typeof npmStart>>;

beforeAll(async () => {
  receiver = await startReceiver();
  api = await npmStart({ TIM_CALLBACK_URL: receiver.url, TIM_CALLBACK_TOKEN: TOKEN, LOG_LEVEL: 'WARN' });
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await receiver?.close();
});

async function call(method: string, path: string, as: string, body?: unknown) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${localToken(as)}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function tim(path: string, body: unknown) {
  const res = await fetch(`${api.url}/v4/${path}?${timQuery()}`, { method: 'POST', body: JSON.stringify(body) });
  return res.json();
}

/** Polls `read` until `done` holds (the stream is behind the answer), failing after `withinMs`. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, withinMs = 30_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${withinMs} ms: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const commands = () => receiver.received.map((request) => request.url.searchParams.get('CallbackCommand'));

describe('npm start with a callback URL: the stream behind the API', () => {
  it('delivers signed Tencent callbacks for changes made over HTTP, and logs one line per event', async () => {
    for (const user of ['e2e-alice', 'e2e-bob']) expect((await call('GET', '/user/get_privacy', user)).status).toBe(200);
    expect((await call('POST', '/friendship/invite', 'e2e-alice', { friendId: 'e2e-bob', message: 'hi' })).body.result).toEqual({
      action: 'Sent',
    });
    expect((await call('POST', '/friendship/agree', 'e2e-bob', { friendId: 'e2e-alice' })).body.result).toEqual({ action: 'Added' });
    await receiver.until(1);
    const [added] = receiver.received;
    expect(added!.url.searchParams.get('CallbackCommand')).toBe('Sns.CallbackFriendAdd');
    expect(added!.url.searchParams.get('SdkAppid')).toBe(String(TIM.sdkAppId));
    const requestTime = added!.url.searchParams.get('RequestTime')!;
    expect(added!.url.searchParams.get('Sign')).toBe(createHash('sha256').update(`${TOKEN}${requestTime}`).digest('hex'));
    expect(added!.body).toMatchObject({
      CallbackCommand: 'Sns.CallbackFriendAdd',
      ClientCmd: 'friend_response',
      PairList: expect.arrayContaining([
        { From_Account: 'e2e-alice', To_Account: 'e2e-bob', Initiator_Account: 'e2e-alice' },
        { From_Account: 'e2e-bob', To_Account: 'e2e-alice', Initiator_Account: 'e2e-alice' },
      ]),
    });
    expect(added!.body.PairList).toHaveLength(2);

    expect((await call('POST', '/user/add_to_blacklist', 'e2e-alice', { friendId: 'e2e-bob' })).status).toBe(200);
    await receiver.until(2);
    expect(receiver.received[1]!.body).toMatchObject({
      CallbackCommand: 'Sns.CallbackBlackListAdd',
      PairList: [{ From_Account: 'e2e-alice', To_Account: 'e2e-bob' }],
    });
    await eventually(
      async () => api.output(),
      (output) => /event FriendAdded /.test(output) && /event Blocked /.test(output),
    );
  });

  it("brings a profile change to the friend's copy, and deletes an account without a trace on the friend's side", async () => {
    for (const user of ['e2e-carol', 'e2e-dave']) expect((await call('GET', '/user/get_privacy', user)).status).toBe(200);
    await call('POST', '/friendship/invite', 'e2e-carol', { friendId: 'e2e-dave', message: '' });
    await call('POST', '/friendship/agree', 'e2e-dave', { friendId: 'e2e-carol' });
    expect((await call('POST', '/user/set_nickname', 'e2e-dave', { nickname: 'Dave Two' })).status).toBe(200);
    const nicknameOfDave = async () =>
      (await call('GET', '/friendship/all', 'e2e-carol')).body.result
        .filter((entry: { user: { id: string } }) => entry.user.id === 'e2e-dave')
        .map((entry: { user: { nickname: string } }) => entry.user.nickname);
    await eventually(nicknameOfDave, (names) => names[0] === 'Dave Two');

    const deleted = await tim('im_open_login_svc/account_delete', { DeleteItem: [{ UserID: 'e2e-dave' }] });
    expect(deleted).toMatchObject({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ResultItem: [{ ResultCode: 0, ResultInfo: '', UserID: 'e2e-dave' }],
    });
    await eventually(nicknameOfDave, (names) => names.length === 0);
    await eventually(
      async () => (await call('GET', '/api/party/contact-list/get_contact/?user=e2e-dave', 'e2e-carol')).status,
      (status) => status === 404,
    );
    await eventually(
      async () => commands(),
      (seen) => seen.includes('Sns.CallbackFriendDelete'),
    );
    // The same id registers again, as a new and empty user.
    expect((await call('GET', '/friendship/all', 'e2e-dave')).body).toEqual({ code: 200, result: [] });
  });
});
