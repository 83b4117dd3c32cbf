import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { FriendStatus as St } from '../../lib/domain/friendship.js';
import { userFromClaims } from '../../lib/domain/user.js';
import { db, tableName } from '../../lib/store/client.js';
import { keys } from '../../lib/store/keys.js';
import { call } from '../support/call.js';
import { befriend, edgeOf, expectRefused, invite, S, statuses, users } from '../support/sealtalk.js';

/**
 * batch_delete (docs/behaviour.md#friendship-sealtalk): 1–100 distinct ids; each agreed edge of mine → 30, others untouched;
 * one transaction.
 */

const batchDelete = (as: string, friendIds: unknown) => call(S.batchDelete, { as, body: { friendIds } });

/** Users who add anyone directly (friVerify 0), written straight to the table in batches of 25. */
async function openUsers(ids: readonly string[]): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < ids.length; i += 25) {
    const puts = ids.slice(i, i + 25).map((id) => ({
      PutRequest: { Item: { ...keys.user(id), type: 'USER', ...userFromClaims(id, { nickname: id }, now), friVerify: 0 } },
    }));
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: puts } }));
  }
}

describe('POST /friendship/batch_delete', () => {
  it('deletes the agreed edges among the ids, leaves pending, unknown and absent ones, answers {"code":200}', async () => {
    await users('bd-me', 'bd-f1', 'bd-f2', 'bd-p1', 'bd-s1');
    await befriend('bd-me', 'bd-f1');
    await befriend('bd-f2', 'bd-me');
    await invite('bd-me', 'bd-p1');
    await call(S.setDisplayName, { as: 'bd-me', body: { friendId: 'bd-f1', displayName: 'F1' } });
    const pendingBefore = await edgeOf('bd-me', 'bd-p1');

    const out = await batchDelete('bd-me', ['bd-f1', 'bd-f2', 'bd-p1', 'bd-s1', 'bd-ghost']);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ code: 200 });
    expect(await statuses('bd-me', 'bd-f1')).toEqual([St.Deleted, St.Agreed]);
    expect(await statuses('bd-me', 'bd-f2')).toEqual([St.Deleted, St.Agreed]);
    expect((await edgeOf('bd-me', 'bd-f1'))?.displayName).toBe('');
    expect(await edgeOf('bd-me', 'bd-p1')).toEqual(pendingBefore);
    expect(await statuses('bd-me', 'bd-s1')).toEqual([undefined, undefined]);
  });

  it('deletes 100 friends in one call (the most a call may list)', async () => {
    const friends = Array.from({ length: 100 }, (_, i) => `bd100-${String(i).padStart(3, '0')}`);
    await users('bd100-me');
    await openUsers(friends);
    for (const friend of friends) expect((await invite('bd100-me', friend)).body.result).toEqual({ action: 'AddDirectly' });

    expect((await batchDelete('bd100-me', friends)).body).toEqual({ code: 200 });
    const list = (await call(S.all, { as: 'bd100-me' })).body.result as Array<{ status: number }>;
    expect(list).toHaveLength(100);
    expect(new Set(list.map((entry) => entry.status))).toEqual(new Set([St.Deleted]));
  });

  it('refuses 0, 101 or repeated ids and non-string ids with 400, nothing written', async () => {
    await users('bdl-me', 'bdl-f');
    await befriend('bdl-me', 'bdl-f');
    await expectRefused(() => batchDelete('bdl-me', []), 400, /friendIds: must list at least one friend/);
    const many = Array.from({ length: 101 }, (_, i) => `x${i}`);
    await expectRefused(() => batchDelete('bdl-me', ['bdl-f', ...many.slice(1)]), 400, /friendIds: must list at most 100 friends/);
    await expectRefused(() => batchDelete('bdl-me', ['bdl-f', 'bdl-f']), 400, /must not repeat an id/);
    await expectRefused(() => batchDelete('bdl-me', ['bdl-f', 7]), 400, /friendIds\.1/);
    await expectRefused(() => batchDelete('bdl-me', 'bdl-f'), 400, /friendIds/);
    await expectRefused(() => call(S.batchDelete, { as: 'bdl-me', body: {} }), 400, /friendIds/);
  });
});
