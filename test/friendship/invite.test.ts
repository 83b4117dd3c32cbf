import { describe, expect, it } from 'vitest';
import { DAY_MS, FriendStatus as St } from '../../lib/domain/friendship.js';
import { call } from '../support/call.js';
import {
  backdateEdge,
  befriend,
  blockExists,
  edgeOf,
  expectNoWrite,
  expectRefused,
  invite,
  S,
  statuses,
  U,
  users,
} from '../support/sealtalk.js';

/** invite (docs/behaviour.md#friendship-sealtalk): every transition of the state machine, through the real handlers. */

const MINUTE = 60_000;

describe('POST /friendship/invite', () => {
  it('no edges yet → Sent: mine 10 without message, theirs 11 with the message', async () => {
    await users('s-a', 's-b');
    const out = await invite('s-a', 's-b', '你好,我是 Martin');
    expect(out).toMatchObject({ status: 200, body: { code: 200, result: { action: 'Sent' } } });
    expect(out.body).toEqual({ code: 200, result: { action: 'Sent' } });
    expect(await edgeOf('s-a', 's-b')).toMatchObject({ status: St.Requesting, message: '' });
    expect(await edgeOf('s-b', 's-a')).toMatchObject({ status: St.Requested, message: '你好,我是 Martin' });
  });

  it('message is optional (stored as "")', async () => {
    await users('nm-a', 'nm-b');
    expect((await call(S.invite, { as: 'nm-a', body: { friendId: 'nm-b' } })).body).toEqual({ code: 200, result: { action: 'Sent' } });
    expect((await edgeOf('nm-b', 'nm-a'))?.message).toBe('');
  });

  it('theirs 10 (they asked me first) → Added, both 20', async () => {
    await users('t10-a', 't10-b');
    await invite('t10-b', 't10-a');
    expect((await invite('t10-a', 't10-b')).body).toEqual({ code: 200, result: { action: 'Added' } });
    expect(await statuses('t10-a', 't10-b')).toEqual([St.Agreed, St.Agreed]);
  });

  it('theirs 20 (I deleted them, they still have me) → Added, both 20', async () => {
    await users('t20-a', 't20-b');
    await befriend('t20-a', 't20-b');
    await call(S.delete, { as: 't20-a', body: { friendId: 't20-b' } });
    expect(await statuses('t20-a', 't20-b')).toEqual([St.Deleted, St.Agreed]);
    expect((await invite('t20-a', 't20-b')).body).toEqual({ code: 200, result: { action: 'Added' } });
    expect(await statuses('t20-a', 't20-b')).toEqual([St.Agreed, St.Agreed]);
  });

  it('both 20 → 400 "Already your friend.", nothing written', async () => {
    await users('ff-a', 'ff-b');
    await befriend('ff-a', 'ff-b');
    await expectRefused(() => invite('ff-a', 'ff-b'), 400, 'Already your friend.');
    await expectRefused(() => invite('ff-b', 'ff-a'), 400, 'Already your friend.');
  });

  it('inviting yourself → 400, nothing written', async () => {
    await users('self-a');
    await expectRefused(() => invite('self-a', 'self-a'), 400, /yourself/);
  });

  it('an unknown friend → 404, nothing written', async () => {
    await users('unk-a');
    await expectRefused(() => invite('unk-a', 'nobody-here'), 404, 'Unknown user: nobody-here');
  });

  it('the friend has me on their blacklist → None, nothing written', async () => {
    await users('bl-a', 'bl-b');
    expect((await call(U.addToBlacklist, { as: 'bl-b', body: { friendId: 'bl-a' } })).status).toBe(200);
    await expectNoWrite(async () => {
      expect((await invite('bl-a', 'bl-b')).body).toEqual({ code: 200, result: { action: 'None' } });
    });
    expect(await statuses('bl-a', 'bl-b')).toEqual([undefined, undefined]);
  });

  it('friVerify = 0 → AddDirectly: both 20 and my own blacklist entry for them removed', async () => {
    await users('dir-a', 'dir-b');
    await call(U.addToBlacklist, { as: 'dir-a', body: { friendId: 'dir-b' } });
    expect((await call(U.setPrivacy, { as: 'dir-b', body: { friVerify: 0 } })).status).toBe(200);
    expect([await blockExists('dir-a', 'dir-b'), await blockExists('dir-b', 'dir-a')]).toEqual([true, false]);

    expect((await invite('dir-a', 'dir-b')).body).toEqual({ code: 200, result: { action: 'AddDirectly' } });
    expect(await statuses('dir-a', 'dir-b')).toEqual([St.Agreed, St.Agreed]);
    expect([await blockExists('dir-a', 'dir-b'), await blockExists('dir-b', 'dir-a')]).toEqual([false, false]);
    expect((await call(U.blacklist, { as: 'dir-a' })).body).toEqual({ code: 200, result: [] });
    expect((await call(U.blacklist, { as: 'dir-b' })).body).toEqual({ code: 200, result: [] });
  });

  it("the friend's blacklist comes before friVerify = 0: None, nothing written, the block stays", async () => {
    await users('dbl-a', 'dbl-b');
    expect((await call(U.addToBlacklist, { as: 'dbl-b', body: { friendId: 'dbl-a' } })).status).toBe(200);
    expect((await call(U.setPrivacy, { as: 'dbl-b', body: { friVerify: 0 } })).status).toBe(200);
    // Even with a blacklist entry of my own for them, which AddDirectly would have removed.
    expect((await call(U.addToBlacklist, { as: 'dbl-a', body: { friendId: 'dbl-b' } })).status).toBe(200);
    await expectNoWrite(async () => {
      expect((await invite('dbl-a', 'dbl-b')).body).toEqual({ code: 200, result: { action: 'None' } });
    });
    expect(await statuses('dbl-a', 'dbl-b')).toEqual([undefined, undefined]);
    expect([await blockExists('dbl-a', 'dbl-b'), await blockExists('dbl-b', 'dbl-a')]).toEqual([true, true]);
  });

  it("the friend's blacklist comes before a pending request of theirs: None, not Added", async () => {
    await users('dbp-a', 'dbp-b');
    expect((await invite('dbp-b', 'dbp-a')).body.result).toEqual({ action: 'Sent' });
    expect((await call(U.addToBlacklist, { as: 'dbp-b', body: { friendId: 'dbp-a' } })).status).toBe(200);
    await expectNoWrite(async () => {
      expect((await invite('dbp-a', 'dbp-b')).body).toEqual({ code: 200, result: { action: 'None' } });
    });
    expect(await statuses('dbp-a', 'dbp-b')).toEqual([St.Requested, St.Requesting]);
  });

  it('both 30 → Sent again', async () => {
    await users('d30-a', 'd30-b');
    await befriend('d30-a', 'd30-b');
    await call(S.delete, { as: 'd30-a', body: { friendId: 'd30-b' } });
    await call(S.delete, { as: 'd30-b', body: { friendId: 'd30-a' } });
    expect(await statuses('d30-a', 'd30-b')).toEqual([St.Deleted, St.Deleted]);
    expect((await invite('d30-a', 'd30-b', 'again')).body).toEqual({ code: 200, result: { action: 'Sent' } });
    expect(await statuses('d30-a', 'd30-b')).toEqual([St.Requesting, St.Requested]);
    expect((await edgeOf('d30-b', 'd30-a'))?.message).toBe('again');
  });

  it('mine 20 and theirs 30 (they deleted me) → Sent', async () => {
    await users('m20-a', 'm20-b');
    await befriend('m20-a', 'm20-b');
    await call(S.delete, { as: 'm20-b', body: { friendId: 'm20-a' } });
    expect(await statuses('m20-a', 'm20-b')).toEqual([St.Agreed, St.Deleted]);
    expect((await invite('m20-a', 'm20-b')).body).toEqual({ code: 200, result: { action: 'Sent' } });
    expect(await statuses('m20-a', 'm20-b')).toEqual([St.Requesting, St.Requested]);
  });

  it('mine 10 and theirs 21: None within a day, Sent once my request is over 1 day old', async () => {
    await users('ig-a', 'ig-b');
    await invite('ig-a', 'ig-b');
    expect((await call(S.ignore, { as: 'ig-b', body: { friendId: 'ig-a' } })).body).toEqual({ code: 200 });
    expect(await statuses('ig-a', 'ig-b')).toEqual([St.Requesting, St.Ignored]);

    await expectNoWrite(async () => expect((await invite('ig-a', 'ig-b')).body).toEqual({ code: 200, result: { action: 'None' } }));
    await backdateEdge('ig-a', 'ig-b', DAY_MS - MINUTE);
    await expectNoWrite(async () => expect((await invite('ig-a', 'ig-b')).body).toEqual({ code: 200, result: { action: 'None' } }));
    await backdateEdge('ig-a', 'ig-b', 2 * MINUTE);
    expect((await invite('ig-a', 'ig-b', 'second try')).body).toEqual({ code: 200, result: { action: 'Sent' } });
    expect(await statuses('ig-a', 'ig-b')).toEqual([St.Requesting, St.Requested]);
    expect((await edgeOf('ig-b', 'ig-a'))?.message).toBe('second try');
  });

  it('mine 10 and theirs 11: None while pending, Sent once my request is over 3 days old', async () => {
    await users('pd-a', 'pd-b');
    await invite('pd-a', 'pd-b', 'first');
    await expectNoWrite(async () => expect((await invite('pd-a', 'pd-b')).body).toEqual({ code: 200, result: { action: 'None' } }));
    await backdateEdge('pd-a', 'pd-b', 2 * DAY_MS);
    await expectNoWrite(async () => expect((await invite('pd-a', 'pd-b')).body).toEqual({ code: 200, result: { action: 'None' } }));
    await backdateEdge('pd-a', 'pd-b', DAY_MS + MINUTE);
    const before = (await edgeOf('pd-a', 'pd-b'))!.updatedAt as number;
    expect((await invite('pd-a', 'pd-b', 'reminder')).body).toEqual({ code: 200, result: { action: 'Sent' } });
    const after = await edgeOf('pd-a', 'pd-b');
    expect(after).toMatchObject({ status: St.Requesting });
    expect(after!.updatedAt).toBeGreaterThan(before + 3 * DAY_MS - MINUTE);
    expect(await edgeOf('pd-b', 'pd-a')).toMatchObject({ status: St.Requested, message: 'reminder' });
  });

  it('theirs 10 wins over my own 21: an invitee who ignored the request and invites back → Added', async () => {
    await users('back-a', 'back-b');
    await invite('back-a', 'back-b');
    await call(S.ignore, { as: 'back-b', body: { friendId: 'back-a' } });
    expect((await invite('back-b', 'back-a')).body).toEqual({ code: 200, result: { action: 'Added' } });
    expect(await statuses('back-a', 'back-b')).toEqual([St.Agreed, St.Agreed]);
  });

  it('message: 64 characters (code points) pass, 65 are 400 with nothing written', async () => {
    await users('ml-a', 'ml-b', 'ml-c');
    expect((await invite('ml-a', 'ml-b', '😀'.repeat(64))).body.result).toEqual({ action: 'Sent' });
    expect((await edgeOf('ml-b', 'ml-a'))?.message).toBe('😀'.repeat(64));
    await expectRefused(() => invite('ml-a', 'ml-c', 'x'.repeat(65)), 400, /message: must be at most 64 characters/);
  });
});
