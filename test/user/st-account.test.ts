import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../lib/store/client.js';
import { keys } from '../../lib/store/keys.js';
import { call } from '../support/call.js';
import { befriend, expectRefused, S, U, users } from '../support/sealtalk.js';
import { streamDrained } from '../support/stream.js';

/** set_st_account (docs/behaviour.md#users): 6–20 characters, a letter first, unique across users (409), claimed atomically. */

const setStAccount = (as: string, stAccount: unknown) => call(U.setStAccount, { as, body: { stAccount } });
const claimOf = async (account: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.stAccount(account), ConsistentRead: true }))).Item;

describe('POST /user/set_st_account', () => {
  it('sets the account, answers {"code":200}, shows it on the profile and on friends\' cards', async () => {
    await users('sa-me', 'sa-f');
    await befriend('sa-me', 'sa-f');
    const out = await setStAccount('sa-me', 'Martin_01');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ code: 200 });
    expect((await call(U.get, { as: 'sa-me', params: { id: 'sa-me' } })).body.result.stAccount).toBe('Martin_01');
    await streamDrained();
    expect((await call(S.profile, { as: 'sa-f', params: { friendId: 'sa-me' } })).body.result.user.stAccount).toBe('Martin_01');
    expect(await claimOf('Martin_01')).toMatchObject({ userId: 'sa-me' });
  });

  it('accepts 6 and 20 characters; refuses 5, 21, a digit or _ first, other characters (400, nothing written)', async () => {
    await users('sal-me');
    expect((await setStAccount('sal-me', 'abcdef')).status).toBe(200);
    expect((await setStAccount('sal-me', `a${'b'.repeat(19)}`)).status).toBe(200);
    for (const bad of ['abcde', `a${'b'.repeat(20)}`, '1abcdef', '_abcdef', 'abc def', 'abcdéf', '', 123456, null]) {
      await expectRefused(() => setStAccount('sal-me', bad), 400, /stAccount/);
    }
    await expectRefused(() => call(U.setStAccount, { as: 'sal-me', body: {} }), 400, /stAccount/);
  });

  it('is unique regardless of case: a taken account is 409 with nothing written', async () => {
    await users('sau-a', 'sau-b');
    expect((await setStAccount('sau-a', 'Unique01')).status).toBe(200);
    await expectRefused(() => setStAccount('sau-b', 'Unique01'), 409, 'This stAccount is already taken.');
    await expectRefused(() => setStAccount('sau-b', 'UNIQUE01'), 409);
    // the holder may set it again, or change its case
    expect((await setStAccount('sau-a', 'Unique01')).status).toBe(200);
    expect((await setStAccount('sau-a', 'unique01')).status).toBe(200);
    expect(await claimOf('unique01')).toMatchObject({ userId: 'sau-a', stAccount: 'unique01' });
  });

  it('changing the account releases the old one for others', async () => {
    await users('sar-a', 'sar-b');
    await setStAccount('sar-a', 'OldName1');
    expect((await setStAccount('sar-a', 'NewName1')).status).toBe(200);
    expect(await claimOf('OldName1')).toBeUndefined();
    expect((await setStAccount('sar-b', 'OldName1')).status).toBe(200);
    expect(await claimOf('OldName1')).toMatchObject({ userId: 'sar-b' });
  });

  it('ten users racing for one account: exactly one wins, the others get 409', async () => {
    const racers = Array.from({ length: 10 }, (_, i) => `sac-${i}`);
    await users(...racers);
    const results = await Promise.all(racers.map((id) => setStAccount(id, 'Contested')));
    expect(results.filter((out) => out.status === 200)).toHaveLength(1);
    expect(results.filter((out) => out.status === 409)).toHaveLength(9);
    const winner = racers[results.findIndex((out) => out.status === 200)]!;
    expect(await claimOf('Contested')).toMatchObject({ userId: winner });
    const holders = await Promise.all(racers.map(async (id) => (await call(U.get, { as: id, params: { id } })).body.result.stAccount));
    expect(holders.filter((account) => account === 'Contested')).toHaveLength(1);
  });
});
