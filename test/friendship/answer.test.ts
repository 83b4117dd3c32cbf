import { describe, expect, it } from 'vitest';
import { FriendStatus as St } from '../../lib/domain/friendship.js';
import { call } from '../support/call.js';
import { befriend, blockExists, edgeOf, expectRefused, invite, S, statuses, U, users } from '../support/sealtalk.js';

/** agree, ignore and delete (docs/behaviour.md#friendship-sealtalk): the answers to a request, and ending a friendship. */

const agree = (as: string, friendId: string) => call(S.agree, { as, body: { friendId } });
const ignore = (as: string, friendId: string) => call(S.ignore, { as, body: { friendId } });
const remove = (as: string, friendId: string) => call(S.delete, { as, body: { friendId } });

describe('POST /friendship/agree', () => {
  it('my edge 11 → both 20, {"action":"Added"}', async () => {
    await users('ag-a', 'ag-b');
    await invite('ag-a', 'ag-b', 'hello');
    const out = await agree('ag-b', 'ag-a');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ code: 200, result: { action: 'Added' } });
    expect(await statuses('ag-a', 'ag-b')).toEqual([St.Agreed, St.Agreed]);
  });

  it('agreeing again when already 20 answers Added', async () => {
    await users('ag2-a', 'ag2-b');
    await befriend('ag2-a', 'ag2-b');
    expect((await agree('ag2-b', 'ag2-a')).body).toEqual({ code: 200, result: { action: 'Added' } });
    expect(await statuses('ag2-a', 'ag2-b')).toEqual([St.Agreed, St.Agreed]);
  });

  it('404 without a request: no edge, my own request (10), an ignored one (21); nothing written', async () => {
    await users('ag4-a', 'ag4-b', 'ag4-c');
    await expectRefused(() => agree('ag4-a', 'ag4-b'), 404, 'No such friend request.');
    await invite('ag4-a', 'ag4-b');
    await expectRefused(() => agree('ag4-a', 'ag4-b'), 404, 'No such friend request.');
    await invite('ag4-c', 'ag4-a');
    await ignore('ag4-a', 'ag4-c');
    await expectRefused(() => agree('ag4-a', 'ag4-c'), 404, 'No such friend request.');
  });

  it('404 for an unknown user, nothing written', async () => {
    await users('ag5-a');
    await expectRefused(() => agree('ag5-a', 'ghost-user'), 404, 'Unknown user: ghost-user');
  });

  it('removes blacklist entries between the two, both ways', async () => {
    await users('agb-a', 'agb-b');
    await invite('agb-a', 'agb-b');
    await call(U.addToBlacklist, { as: 'agb-a', body: { friendId: 'agb-b' } });
    await call(U.addToBlacklist, { as: 'agb-b', body: { friendId: 'agb-a' } });
    expect((await agree('agb-b', 'agb-a')).body).toEqual({ code: 200, result: { action: 'Added' } });
    expect([await blockExists('agb-a', 'agb-b'), await blockExists('agb-b', 'agb-a')]).toEqual([false, false]);
    expect(await statuses('agb-a', 'agb-b')).toEqual([St.Agreed, St.Agreed]);
  });
});

describe('POST /friendship/ignore', () => {
  it('my edge 11 → 21, {"code":200} only; the requester keeps 10', async () => {
    await users('ig-a', 'ig-b');
    await invite('ig-a', 'ig-b');
    const out = await ignore('ig-b', 'ig-a');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ code: 200 });
    expect(await statuses('ig-a', 'ig-b')).toEqual([St.Requesting, St.Ignored]);
  });

  it('404 without a request (none, mine, already ignored, friends, unknown); nothing written', async () => {
    await users('ig4-a', 'ig4-b', 'ig4-c');
    await expectRefused(() => ignore('ig4-a', 'ig4-b'), 404, 'No such friend request.');
    await invite('ig4-a', 'ig4-b');
    await expectRefused(() => ignore('ig4-a', 'ig4-b'), 404, 'No such friend request.');
    await ignore('ig4-b', 'ig4-a');
    await expectRefused(() => ignore('ig4-b', 'ig4-a'), 404, 'No such friend request.');
    await befriend('ig4-a', 'ig4-c');
    await expectRefused(() => ignore('ig4-c', 'ig4-a'), 404, 'No such friend request.');
    await expectRefused(() => ignore('ig4-a', 'ghost-user'), 404);
  });
});

describe('POST /friendship/delete', () => {
  it('my edge 20 → 30 with displayName and message cleared; theirs untouched; no blacklist entry', async () => {
    await users('de-a', 'de-b');
    await befriend('de-a', 'de-b');
    await call(S.setDisplayName, { as: 'de-a', body: { friendId: 'de-b', displayName: 'Bobby' } });
    await call(S.setFriendDescription, { as: 'de-a', body: { friendId: 'de-b', description: 'met in Paris' } });
    const theirsBefore = await edgeOf('de-b', 'de-a');

    const out = await remove('de-a', 'de-b');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ code: 200 });
    expect(await edgeOf('de-a', 'de-b')).toMatchObject({ status: St.Deleted, displayName: '', message: '', description: 'met in Paris' });
    expect(await edgeOf('de-b', 'de-a')).toEqual(theirsBefore);
    expect(await blockExists('de-a', 'de-b')).toBe(false);
    const theirList = (await call(S.all, { as: 'de-b' })).body.result;
    expect(theirList.map((e: { status: number; user: { id: string } }) => [e.user.id, e.status])).toEqual([['de-a', St.Agreed]]);
  });

  it('404 if not friends (no edge, pending, deleted already, unknown); nothing written', async () => {
    await users('de4-a', 'de4-b', 'de4-c');
    await expectRefused(() => remove('de4-a', 'de4-b'), 404, 'Not your friend.');
    await invite('de4-a', 'de4-b');
    await expectRefused(() => remove('de4-a', 'de4-b'), 404, 'Not your friend.');
    await expectRefused(() => remove('de4-b', 'de4-a'), 404, 'Not your friend.');
    await befriend('de4-a', 'de4-c');
    await remove('de4-a', 'de4-c');
    await expectRefused(() => remove('de4-a', 'de4-c'), 404, 'Not your friend.');
    await expectRefused(() => remove('de4-a', 'ghost-user'), 404);
  });
});
