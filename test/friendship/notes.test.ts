import { describe, expect, it } from 'vitest';
import { call } from '../support/call.js';
import { befriend, edgeOf, expectRefused, invite, S, users } from '../support/sealtalk.js';

/** My notes on a friend (docs/behaviour.md#friendship-sealtalk) — set_display_name, set_friend_description, get_friend_description. */

const setDisplayName = (as: string, body: unknown) => call(S.setDisplayName, { as, body });
const setDescription = (as: string, body: unknown) => call(S.setFriendDescription, { as, body });
const getDescription = (as: string, friendId: string) => call(S.getFriendDescription, { as, body: { friendId } });

describe('POST /friendship/set_display_name', () => {
  it('sets 1–32 characters and "" clears; answers {"code":200}; shown by all and profile', async () => {
    await users('dn-a', 'dn-b');
    await befriend('dn-a', 'dn-b');
    const out = await setDisplayName('dn-a', { friendId: 'dn-b', displayName: '备'.repeat(32) });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ code: 200 });
    expect((await call(S.profile, { as: 'dn-a', params: { friendId: 'dn-b' } })).body.result.displayName).toBe('备'.repeat(32));
    expect((await call(S.all, { as: 'dn-a' })).body.result[0].displayName).toBe('备'.repeat(32));
    expect((await edgeOf('dn-b', 'dn-a'))?.displayName).toBe('');

    expect((await setDisplayName('dn-a', { friendId: 'dn-b', displayName: '' })).body).toEqual({ code: 200 });
    expect((await edgeOf('dn-a', 'dn-b'))?.displayName).toBe('');
  });

  it('33 characters → 400; not friends (none, pending, unknown) → 404; nothing written', async () => {
    await users('dn4-a', 'dn4-b', 'dn4-c');
    await befriend('dn4-a', 'dn4-b');
    await expectRefused(
      () => setDisplayName('dn4-a', { friendId: 'dn4-b', displayName: 'x'.repeat(33) }),
      400,
      /displayName: must be at most 32 characters/,
    );
    await expectRefused(() => setDisplayName('dn4-a', { friendId: 'dn4-c', displayName: 'C' }), 404, 'Not your friend.');
    await invite('dn4-a', 'dn4-c');
    await expectRefused(() => setDisplayName('dn4-a', { friendId: 'dn4-c', displayName: 'C' }), 404, 'Not your friend.');
    await expectRefused(() => setDisplayName('dn4-a', { friendId: 'ghost-user', displayName: 'C' }), 404);
    await expectRefused(() => setDisplayName('dn4-a', { friendId: 'dn4-b' }), 400, /displayName/);
  });
});

describe('POST /friendship/set_friend_description and get_friend_description', () => {
  it('only the fields given change, "" clears; answers {"code":200}; read back in SealTalk\'s documented shape', async () => {
    await users('fd-a', 'fd-b');
    await befriend('fd-a', 'fd-b');
    const full = {
      friendId: 'fd-b',
      displayName: 'Fox',
      region: '86',
      phone: '18700991234',
      description: '融云该公司地址在北京市朝阳区北苑路北。',
      imageUri: 'http://rongcloud-file.ronghub.com/cb6d05474f891251ae.PNG',
    };
    const out = await setDescription('fd-a', full);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ code: 200 });

    const read = await getDescription('fd-a', 'fd-b');
    expect(read.status).toBe(200);
    expect(Object.keys(read.body)).toEqual(['code', 'result']);
    expect(Object.keys(read.body.result)).toEqual(['displayName', 'region', 'phone', 'description', 'imageUri']);
    const { friendId: _friendId, ...notes } = full;
    expect(read.body.result).toEqual(notes);

    expect((await setDescription('fd-a', { friendId: 'fd-b', description: '' })).status).toBe(200);
    expect((await getDescription('fd-a', 'fd-b')).body.result).toEqual({ ...notes, description: '' });
    expect((await setDescription('fd-a', { friendId: 'fd-b', region: '', phone: '' })).status).toBe(200);
    expect((await getDescription('fd-a', 'fd-b')).body.result).toEqual({ ...notes, description: '', region: '', phone: '' });
    expect((await setDescription('fd-a', { friendId: 'fd-b' })).status).toBe(200);
    expect((await getDescription('fd-a', 'fd-b')).body.result).toEqual({ ...notes, description: '', region: '', phone: '' });
  });

  it("a new friend's notes are all empty strings; any edge (a pending one too) may carry notes", async () => {
    await users('fd2-a', 'fd2-b');
    await invite('fd2-a', 'fd2-b');
    expect((await getDescription('fd2-a', 'fd2-b')).body).toEqual({
      code: 200,
      result: { displayName: '', region: '', phone: '', description: '', imageUri: '' },
    });
    expect((await setDescription('fd2-b', { friendId: 'fd2-a', imageUri: 'http://x/y.png' })).status).toBe(200);
    expect((await getDescription('fd2-b', 'fd2-a')).body.result.imageUri).toBe('http://x/y.png');
  });

  it('description: 1,000 characters pass, 1,001 are 400; displayName 33 is 400; nothing written', async () => {
    await users('fdl-a', 'fdl-b');
    await befriend('fdl-a', 'fdl-b');
    expect((await setDescription('fdl-a', { friendId: 'fdl-b', description: '描'.repeat(1000) })).status).toBe(200);
    await expectRefused(
      () => setDescription('fdl-a', { friendId: 'fdl-b', description: 'd'.repeat(1001) }),
      400,
      /description: must be at most 1000 characters/,
    );
    await expectRefused(() => setDescription('fdl-a', { friendId: 'fdl-b', displayName: 'n'.repeat(33) }), 400, /displayName/);
  });

  it('region without phone, or phone without region → 400, nothing written', async () => {
    await users('fdr-a', 'fdr-b');
    await befriend('fdr-a', 'fdr-b');
    await expectRefused(
      () => setDescription('fdr-a', { friendId: 'fdr-b', region: '86' }),
      400,
      'region and phone must be given together.',
    );
    await expectRefused(
      () => setDescription('fdr-a', { friendId: 'fdr-b', phone: '13900000000', description: 'x' }),
      400,
      'region and phone must be given together.',
    );
  });

  it('no edge → 404 for both; wrong types → 400; nothing written', async () => {
    await users('fdn-a', 'fdn-b');
    await expectRefused(() => setDescription('fdn-a', { friendId: 'fdn-b', description: 'x' }), 404, 'No such friend.');
    await expectRefused(() => getDescription('fdn-a', 'fdn-b'), 404, 'No such friend.');
    await expectRefused(() => getDescription('fdn-a', 'ghost-user'), 404);
    await expectRefused(() => setDescription('fdn-a', { friendId: 'fdn-b', description: 5 }), 400, /description/);
    await expectRefused(() => setDescription('fdn-a', { description: 'x' }), 400, /friendId/);
    await expectRefused(() => call(S.getFriendDescription, { as: 'fdn-a', body: {} }), 400, /friendId/);
  });
});
