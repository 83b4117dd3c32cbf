import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalCallbackQueue } from '../../lib/callbacks/local-queue.js';
import { LocalEventSink } from '../../lib/events/local-sink.js';
import { db, tableName } from '../../lib/store/client.js';
import { keys } from '../../lib/store/keys.js';
import { publishEventsReaction } from '../../lib/stream/reactions/publish-events.js';
import { relate } from '../featapi/helpers.js';
import { call } from '../support/call.js';
import { OK_ANSWER, startReceiver, type ReceivedCallback, type ReceiverAnswer } from '../support/callback-receiver.js';
import { befriend, edgeOf, invite, S, U, users } from '../support/sealtalk.js';
import { streamRecordsOf } from '../support/stream-records.js';

const SDK_APP_ID = 1400000000;
const TOKEN = 'callback-token';
const receivers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

/** A receiver, and the publish reaction wired to a local callback queue delivering to it. */
async function setup(
  options: { answer?: (n: number) => ReceiverAnswer; token?: string; retryDelaysMs?: number[]; timeoutMs?: number } = {},
) {
  const receiver = await startReceiver(options.answer);
  receivers.push(receiver);
  const deadLetterFile = join(mkdtempSync(join(tmpdir(), 'callbacks-')), 'dead-letter.jsonl');
  const lines: string[] = [];
  const log = (line: string) => void lines.push(line);
  const target = {
    url: receiver.url,
    sdkAppId: SDK_APP_ID,
    timeoutMs: options.timeoutMs ?? 2000,
    ...('token' in options ? { token: options.token } : { token: TOKEN }),
  };
  const queue = new LocalCallbackQueue({ target, retryDelaysMs: options.retryDelaysMs ?? [20, 40], deadLetterFile, log });
  const reaction = publishEventsReaction(() => new LocalEventSink(queue, log));
  /** Runs `act` through the real handlers, hands its stream records to the reaction, and waits for every delivery to end. */
  const change = async (act: () => Promise<unknown>) => {
    const records = await streamRecordsOf(act);
    for (const record of records) if (reaction.wants(record)) await reaction.apply(record);
    await queue.idle();
  };
  return { receiver, queue, change, lines, deadLetterFile };
}

/** The URL parameters Tencent's callbacks carry, with the signature checked against the attempt's own RequestTime. */
function expectTencentUrl(got: ReceivedCallback, command: string, token: string | null = TOKEN) {
  const params = Object.fromEntries(got.url.searchParams);
  expect(got.url.pathname).toBe('/im/callback');
  const { RequestTime, Sign, ...rest } = params;
  expect(rest).toEqual({
    SdkAppid: String(SDK_APP_ID),
    CallbackCommand: command,
    contenttype: 'json',
    ClientIP: '0.0.0.0',
    OptPlatform: 'RESTAPI',
  });
  if (token === null) {
    expect(RequestTime).toBeUndefined();
    expect(Sign).toBeUndefined();
    return;
  }
  expect(RequestTime).toMatch(/^\d+$/);
  expect(Math.abs(Number(RequestTime) - Date.now() / 1000)).toBeLessThan(60);
  expect(Sign).toBe(
    createHash('sha256')
      .update(token + RequestTime)
      .digest('hex'),
  );
}

describe('Tencent-compatible callbacks to a real receiver', () => {
  it('SealTalk agree is one Sns.CallbackFriendAdd with both directions, friend_response, initiated by the asker', async () => {
    const { receiver, change } = await setup();
    await users('cb-a1', 'cb-b1');
    await change(() => invite('cb-a1', 'cb-b1'));
    expect(receiver.received).toEqual([]);
    await change(() => call(S.agree, { as: 'cb-b1', body: { friendId: 'cb-a1' } }));
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expectTencentUrl(got!, 'Sns.CallbackFriendAdd');
    const eventTime = (await edgeOf('cb-b1', 'cb-a1'))!.updatedAt;
    expect(got!.raw).toBe(
      JSON.stringify({
        CallbackCommand: 'Sns.CallbackFriendAdd',
        PairList: [
          { From_Account: 'cb-b1', To_Account: 'cb-a1', Initiator_Account: 'cb-a1' },
          { From_Account: 'cb-a1', To_Account: 'cb-b1', Initiator_Account: 'cb-a1' },
        ],
        ClientCmd: 'friend_response',
        Admin_Account: '',
        ForceFlag: 0,
        EventTime: eventTime,
      }),
    );
  });

  it('FeatAPI accept is friend_response; AddDirectly is friend_add initiated by the inviter', async () => {
    const { receiver, change } = await setup();
    await users('cb-a2', 'cb-b2', 'cb-c2');
    await change(() => relate('cb-a2', 'apply', 'cb-b2'));
    await change(() => relate('cb-b2', 'accept', 'cb-a2'));
    expect((await call(U.setPrivacy, { as: 'cb-c2', body: { friVerify: 0 } })).status).toBe(200);
    await change(() => invite('cb-a2', 'cb-c2'));
    expect(receiver.received.map((got) => got.body)).toEqual([
      expect.objectContaining({
        CallbackCommand: 'Sns.CallbackFriendAdd',
        ClientCmd: 'friend_response',
        Admin_Account: '',
        ForceFlag: 0,
        PairList: [
          { From_Account: 'cb-b2', To_Account: 'cb-a2', Initiator_Account: 'cb-a2' },
          { From_Account: 'cb-a2', To_Account: 'cb-b2', Initiator_Account: 'cb-a2' },
        ],
      }),
      expect.objectContaining({
        CallbackCommand: 'Sns.CallbackFriendAdd',
        ClientCmd: 'friend_add',
        Admin_Account: '',
        ForceFlag: 0,
        PairList: [
          { From_Account: 'cb-a2', To_Account: 'cb-c2', Initiator_Account: 'cb-a2' },
          { From_Account: 'cb-c2', To_Account: 'cb-a2', Initiator_Account: 'cb-a2' },
        ],
      }),
    ]);
    for (const got of receiver.received) expectTencentUrl(got, 'Sns.CallbackFriendAdd');
  });

  it('delete and batch_delete are one Sns.CallbackFriendDelete each, one pair per friend deleted', async () => {
    const { receiver, change } = await setup();
    await users('cb-a3', 'cb-b3', 'cb-c3', 'cb-d3');
    for (const friend of ['cb-b3', 'cb-c3', 'cb-d3']) await befriend('cb-a3', friend);
    await change(() => call(S.delete, { as: 'cb-a3', body: { friendId: 'cb-b3' } }));
    await change(() => call(S.batchDelete, { as: 'cb-a3', body: { friendIds: ['cb-b3', 'cb-c3', 'cb-d3'] } }));
    await change(() => call(S.delete, { as: 'cb-a3', body: { friendId: 'cb-c3' } }));
    expect(receiver.received).toHaveLength(2);
    const [single, batch] = receiver.received;
    expectTencentUrl(single!, 'Sns.CallbackFriendDelete');
    expectTencentUrl(batch!, 'Sns.CallbackFriendDelete');
    expect(single!.raw).toBe(
      JSON.stringify({
        CallbackCommand: 'Sns.CallbackFriendDelete',
        PairList: [{ From_Account: 'cb-a3', To_Account: 'cb-b3' }],
        EventTime: (await edgeOf('cb-a3', 'cb-b3'))!.updatedAt,
      }),
    );
    expect(Object.keys(batch!.body)).toEqual(['CallbackCommand', 'PairList', 'EventTime']);
    expect(
      batch!.body.PairList.sort((x: { To_Account: string }, y: { To_Account: string }) => x.To_Account.localeCompare(y.To_Account)),
    ).toEqual([
      { From_Account: 'cb-a3', To_Account: 'cb-c3' },
      { From_Account: 'cb-a3', To_Account: 'cb-d3' },
    ]);
    expect(batch!.body.EventTime).toBe((await edgeOf('cb-a3', 'cb-c3'))!.updatedAt);
  });

  it('block and unblock (SealTalk and FeatAPI) are Sns.CallbackBlackListAdd and …Delete; repeats send nothing', async () => {
    const { receiver, change } = await setup();
    await users('cb-a4', 'cb-b4');
    const before = Date.now();
    await change(() => call(U.addToBlacklist, { as: 'cb-a4', body: { friendId: 'cb-b4' } }));
    await change(() => relate('cb-a4', 'black', 'cb-b4'));
    await change(() => relate('cb-a4', 'unblack', 'cb-b4'));
    await change(() => call(U.removeFromBlacklist, { as: 'cb-a4', body: { friendId: 'cb-b4' } }));
    expect(receiver.received).toHaveLength(2);
    const [add, remove] = receiver.received;
    expectTencentUrl(add!, 'Sns.CallbackBlackListAdd');
    expectTencentUrl(remove!, 'Sns.CallbackBlackListDelete');
    expect(add!.raw).toBe(
      JSON.stringify({
        CallbackCommand: 'Sns.CallbackBlackListAdd',
        PairList: [{ From_Account: 'cb-a4', To_Account: 'cb-b4' }],
        EventTime: add!.body.EventTime,
      }),
    );
    expect(remove!.raw).toBe(
      JSON.stringify({
        CallbackCommand: 'Sns.CallbackBlackListDelete',
        PairList: [{ From_Account: 'cb-a4', To_Account: 'cb-b4' }],
        EventTime: remove!.body.EventTime,
      }),
    );
    expect(add!.body.EventTime).toBeGreaterThanOrEqual(before);
    expect(add!.body.EventTime).toBeLessThanOrEqual(Date.now());
  });

  it('an account deletion sends the deletes it implies: a friend delete per agreed edge, a blacklist delete per entry', async () => {
    const { receiver, change } = await setup();
    await users('cb-a5', 'cb-b5', 'cb-c5');
    await befriend('cb-a5', 'cb-b5');
    await call(U.addToBlacklist, { as: 'cb-c5', body: { friendId: 'cb-a5' } });
    await change(async () => {
      const gone = [
        keys.user('cb-a5'),
        keys.friendEdge('cb-a5', 'cb-b5'),
        keys.friendEdge('cb-b5', 'cb-a5'),
        keys.block('cb-c5', 'cb-a5'),
        keys.blockedBy('cb-a5', 'cb-c5'),
      ];
      for (const key of gone) await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
    });
    const summary = receiver.received.map((got) => `${got.body.CallbackCommand} ${JSON.stringify(got.body.PairList)}`).sort();
    expect(summary).toEqual([
      'Sns.CallbackBlackListDelete [{"From_Account":"cb-c5","To_Account":"cb-a5"}]',
      'Sns.CallbackFriendDelete [{"From_Account":"cb-a5","To_Account":"cb-b5"}]',
      'Sns.CallbackFriendDelete [{"From_Account":"cb-b5","To_Account":"cb-a5"}]',
    ]);
  });

  it('without a token no RequestTime or Sign is sent', async () => {
    const { receiver, change } = await setup({ token: undefined });
    await users('cb-a6', 'cb-b6');
    await change(() => call(U.addToBlacklist, { as: 'cb-a6', body: { friendId: 'cb-b6' } }));
    expect(receiver.received).toHaveLength(1);
    expectTencentUrl(receiver.received[0]!, 'Sns.CallbackBlackListAdd', null);
  });

  it('a receiver that fails twice (non-2xx, then a non-OK body) gets the identical body once more each time, then no more', async () => {
    const answers: ReceiverAnswer[] = [
      { status: 500, body: {} },
      { status: 200, body: { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'busy' } },
    ];
    const { receiver, change, lines, deadLetterFile } = await setup({
      answer: (n) => answers[n - 1] ?? OK_ANSWER,
      retryDelaysMs: [20, 20, 20, 20],
    });
    await users('cb-a7', 'cb-b7');
    await change(() => call(U.addToBlacklist, { as: 'cb-a7', body: { friendId: 'cb-b7' } }));
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((got) => got.raw)).size).toBe(1);
    for (const got of receiver.received) expectTencentUrl(got, 'Sns.CallbackBlackListAdd');
    expect(lines.filter((line) => line.includes('failed (attempt'))).toHaveLength(2);
    expect(lines.filter((line) => line.includes('delivered (attempt 3)'))).toHaveLength(1);
    expect(existsSync(deadLetterFile)).toBe(false);
  });

  it('a receiver that never answers OK gets every attempt, and the callback ends in the dead-letter file', async () => {
    const { receiver, change, deadLetterFile } = await setup({
      answer: () => ({ status: 200, body: { ActionStatus: 'OK', ErrorCode: 5 } }),
      retryDelaysMs: [10, 20],
    });
    await users('cb-a8', 'cb-b8');
    await change(() => call(U.addToBlacklist, { as: 'cb-a8', body: { friendId: 'cb-b8' } }));
    expect(receiver.received).toHaveLength(3);
    const letters = readFileSync(deadLetterFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(letters).toEqual([
      expect.objectContaining({ command: 'Sns.CallbackBlackListAdd', body: receiver.received[0]!.body, attempts: 3 }),
    ]);
    expect(letters[0].reason).toContain('ErrorCode 5');
  });

  it('a receiver that does not answer in time is a failed attempt', async () => {
    const { receiver, change, deadLetterFile } = await setup({ answer: () => 'hang', retryDelaysMs: [10], timeoutMs: 150 });
    await users('cb-a9', 'cb-b9');
    await change(() => call(U.addToBlacklist, { as: 'cb-a9', body: { friendId: 'cb-b9' } }));
    expect(receiver.received).toHaveLength(2);
    const [letter] = readFileSync(deadLetterFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(letter).toMatchObject({ attempts: 2, reason: 'no answer within 150 ms' });
  });

  it('with no callback URL every event still gives one log line, and nothing is sent', async () => {
    const lines: string[] = [];
    const reaction = publishEventsReaction(() => new LocalEventSink(undefined, (line) => void lines.push(line)));
    await users('cb-a10', 'cb-b10');
    const records = await streamRecordsOf(() => befriend('cb-a10', 'cb-b10'));
    for (const record of records) if (reaction.wants(record)) await reaction.apply(record);
    lines.sort((a, b) => a.localeCompare(b));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^event FriendRequestSent \S+ .*: no callback$/);
    expect(lines[0]).toMatch(/^event FriendAdded \S+ .*: callback Sns.CallbackFriendAdd not sent \(no TIM_CALLBACK_URL\)$/);
  });
});
