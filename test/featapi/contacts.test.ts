import { describe, expect, it } from 'vitest';
import { COUNTERS } from '../../lib/store/counters.js';
import { call, claimsFor } from '../support/call.js';
import { tableSnapshot } from '../support/table-state.js';
import { befriend, contactOf, createGroup, F, FEAT_TIME, message, setCounter, userWith, users } from './helpers.js';

const SEED_KEYS = [
  'id',
  'group',
  'friend',
  'friend_fullname',
  'friend_first_name',
  'friend_last_name',
  'unread_count',
  'status',
  'contact_time',
  'expertise',
  'timezone',
  'timezone_utc_offset',
  'location',
  'avatar',
];

describe('GET /api/party/contact-list/get_contact', () => {
  it("answers FeatAPI's documented user-contact shape, field for field", async () => {
    await userWith('7815803339127', {
      given_name: '明',
      family_name: '黎',
      expertise: '中式英语',
      zoneinfo: 'Asia/Shanghai',
      location: 'CHN',
      avatar: '/media/7815803339127/avatar/blob_5BrnPkO',
    });
    await users('viewer-1');
    await befriend('viewer-1', '7815803339127');

    const out = await contactOf('viewer-1', { user: '7815803339127' });
    expect(out.status).toBe(200);
    expect(Object.keys(out.body)).toEqual(['data']);
    expect(Object.keys(out.body.data)).toEqual(SEED_KEYS);
    expect(out.body.data).toEqual({
      id: expect.any(Number),
      group: null,
      friend: '7815803339127',
      friend_fullname: '黎 明',
      friend_first_name: '明',
      friend_last_name: '黎',
      unread_count: 0,
      status: 300,
      contact_time: expect.stringMatching(FEAT_TIME),
      expertise: '中式英语',
      timezone: 'Asia/Shanghai',
      timezone_utc_offset: null,
      location: 'CHN',
      avatar: '/media/7815803339127/avatar/blob_5BrnPkO',
    });
    expect(Number.isInteger(out.body.data.id) && out.body.data.id > 0).toBe(true);
  });

  it("answers FeatAPI's documented group-contact shape, with its ids", async () => {
    await userWith('7815769374283', { name: 'WenWei Yang' });
    await users('viewer-2');
    await setCounter(COUNTERS.featGroup, 6997);
    await setCounter(COUNTERS.featContact, 7729);
    const group = await createGroup('老友记', '7815769374283', ['viewer-2']);
    expect(group.id).toBe(6997);

    const out = await contactOf('viewer-2', { group: '6997' });
    expect(out.status).toBe(200);
    expect(Object.keys(out.body.data)).toEqual(SEED_KEYS);
    expect(Object.keys(out.body.data.group)).toEqual([
      'id',
      'name',
      'creator',
      'creator_fullname',
      'create_time',
      'status',
      'is_valid',
      'bundle_id',
    ]);
    expect(out.body.data).toEqual({
      id: 7730, // the id of FeatAPI's example (docs/api-featapi.md#the-contact-object): 7729 went to the creator's own group contact
      group: {
        id: 6997,
        name: '老友记',
        creator: '7815769374283',
        creator_fullname: 'WenWei Yang',
        create_time: expect.stringMatching(FEAT_TIME),
        status: 0,
        is_valid: true,
        bundle_id: null,
      },
      friend: null,
      friend_fullname: null,
      friend_first_name: null,
      friend_last_name: null,
      unread_count: 0,
      status: 300,
      contact_time: expect.stringMatching(FEAT_TIME),
      expertise: null,
      timezone: null,
      timezone_utc_offset: null,
      location: null,
      avatar: null,
    });
    const creatorView = await contactOf('7815769374283', { group: '6997' });
    expect(creatorView.body.data.id).toBe(7729);
  });

  it('needs exactly one of user and group (400), and writes nothing', async () => {
    await users('asker');
    const before = await tableSnapshot();
    for (const query of [{}, { user: 'x', group: '1' }, { group: 'abc' }, { group: '0' }, { user: '' }] as Array<Record<string, string>>) {
      const out = await contactOf('asker', query);
      expect(out.status, JSON.stringify(query)).toBe(400);
      expect(typeof out.body.detail).toBe('string');
    }
    expect(await tableSnapshot()).toBe(before);
  });

  it('is 404 {"detail":"Not found."} when the caller has no such contact', async () => {
    await users('lonely', 'stranger');
    expect(await contactOf('lonely', { user: 'stranger' })).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
    expect(await contactOf('lonely', { group: '999999' })).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
  });

  it('is 401 without a token and 403 without the party_contact scope', async () => {
    expect(await call(F.getContact, { query: { user: 'x' } })).toMatchObject({ status: 401, body: { detail: expect.any(String) } });
    const noScope = await call(F.getContact, { as: claimsFor('scopeless', { scope: 'party_message' }), query: { user: 'x' } });
    expect(noScope.status).toBe(403);
    expect(noScope.body.detail).toMatch(/party_contact/);
  });

  it('shows a user only their own contacts', async () => {
    await users('own-a', 'own-b', 'own-c');
    await befriend('own-a', 'own-b');
    expect((await contactOf('own-a', { user: 'own-b' })).status).toBe(200);
    expect((await contactOf('own-c', { user: 'own-b' })).status).toBe(404);
    expect((await contactOf('own-c', { user: 'own-a' })).status).toBe(404);
    const list = await call(F.list, { as: 'own-c' });
    expect(list.body.data.results).toEqual([]);
  });
});

describe('GET /api/party/contact-list (Inbox / Archive, cursor pages)', () => {
  it('lists newest contact_time first, in pages that join without gaps or repeats, both ways', async () => {
    const peers = ['p1', 'p2', 'p3', 'p4', 'p5'];
    await users('pager', ...peers);
    for (const [i, peer] of peers.entries()) {
      expect((await message(`pg-${i}`, peer, { to_user: 'pager' })).status).toBe(200);
    }
    const page1 = await call(F.list, { as: 'pager', query: { page_size: '2' } });
    expect(page1.status).toBe(200);
    expect(Object.keys(page1.body.data)).toEqual(['next', 'previous', 'results']);
    expect(page1.body.data.results.map((c: { friend: string }) => c.friend)).toEqual(['p5', 'p4']);
    expect(page1.body.data.previous).toBeNull();

    const follow = async (link: string) => call(F.list, { as: 'pager', query: Object.fromEntries(new URL(link, 'http://x').searchParams) });
    const page2 = await follow(page1.body.data.next);
    expect(page2.body.data.results.map((c: { friend: string }) => c.friend)).toEqual(['p3', 'p2']);
    const page3 = await follow(page2.body.data.next);
    expect(page3.body.data.results.map((c: { friend: string }) => c.friend)).toEqual(['p1']);
    expect(page3.body.data.next).toBeNull();

    const back = await follow(page3.body.data.previous);
    expect(back.body.data.results.map((c: { friend: string }) => c.friend)).toEqual(['p3', 'p2']);
    const backToStart = await follow(back.body.data.previous);
    expect(backToStart.body.data.results.map((c: { friend: string }) => c.friend)).toEqual(['p5', 'p4']);
    expect(backToStart.body.data.previous).toBeNull();

    const times = page1.body.data.results.map((c: { contact_time: string }) => c.contact_time);
    expect(times[0] > times[1]).toBe(true);
    expect(page1.body.data.results[0]).toMatchObject({ unread_count: 1, status: 0 });
  });

  it('a new message moves a contact to the top; page_size exactly the count gives no next page', async () => {
    await users('mover', 'm1', 'm2');
    await message('mv-1', 'm1', { to_user: 'mover' });
    await message('mv-2', 'm2', { to_user: 'mover' });
    await message('mv-3', 'm1', { to_user: 'mover' });
    const out = await call(F.list, { as: 'mover', query: { page_size: '2' } });
    expect(out.body.data.results.map((c: { friend: string; unread_count: number }) => [c.friend, c.unread_count])).toEqual([
      ['m1', 2],
      ['m2', 1],
    ]);
    expect(out.body.data.next).toBeNull();
  });

  it('moves contacts between the Inbox and the Archive', async () => {
    await users('arch', 'a1', 'a2');
    await message('ar-1', 'a1', { to_user: 'arch' });
    await message('ar-2', 'a2', { to_user: 'arch' });
    const moved = await call(F.moveContact, { as: 'arch', body: { user: 'a1', area: 'archive' } });
    expect(moved).toMatchObject({ status: 200, body: { data: { detail: 'Contact moved to archive', is_success: true } } });

    const friends = async (area: string) =>
      (await call(F.list, { as: 'arch', query: { area } })).body.data.results.map((c: { friend: string }) => c.friend);
    expect(await friends('inbox')).toEqual(['a2']);
    expect(await friends('archive')).toEqual(['a1']);
    expect(await friends('all')).toEqual(['a2', 'a1']);

    // new activity keeps the contact in its area, on top
    await message('ar-3', 'a1', { to_user: 'arch' });
    expect(await friends('archive')).toEqual(['a1']);
    expect(await friends('all')).toEqual(['a1', 'a2']);
    expect((await call(F.moveContact, { as: 'arch', body: { user: 'nobody', area: 'inbox' } })).status).toBe(404);
  });

  it('refuses bad paging input with 400, and a forged cursor with 404 "Invalid cursor"', async () => {
    await users('bad-pager');
    for (const query of [{ page_size: '0' }, { page_size: '101' }, { page_size: 'ten' }, { area: 'trash' }] as Array<
      Record<string, string>
    >) {
      expect((await call(F.list, { as: 'bad-pager', query })).status, JSON.stringify(query)).toBe(400);
    }
    const forged = Buffer.from(JSON.stringify({ after: 'USER#someone' })).toString('base64url');
    for (const cursor of ['%%%', forged]) {
      expect(await call(F.list, { as: 'bad-pager', query: { cursor } })).toMatchObject({ status: 404, body: { detail: 'Invalid cursor' } });
    }
  });
});

describe('POST /api/party/contact-list/remove_contact', () => {
  it('removes a contact from the lists and get_contact; new activity brings it back with the same id', async () => {
    await users('remover', 'r1');
    await message('rm-1', 'r1', { to_user: 'remover' });
    const before = await contactOf('remover', { user: 'r1' });
    const removed = await call(F.removeContact, { as: 'remover', body: { user: 'r1' } });
    expect(removed).toMatchObject({ status: 200, body: { data: { detail: 'Contact removed', is_success: true } } });
    expect((await contactOf('remover', { user: 'r1' })).status).toBe(404);
    expect((await call(F.list, { as: 'remover' })).body.data.results).toEqual([]);
    expect((await call(F.removeContact, { as: 'remover', body: { user: 'r1' } })).status).toBe(404);

    await message('rm-2', 'r1', { to_user: 'remover' });
    const back = await contactOf('remover', { user: 'r1' });
    expect(back.body.data).toMatchObject({ id: before.body.data.id, unread_count: 1 });
  });

  it('refuses bad bodies with 400 and writes nothing', async () => {
    await users('rm-bad');
    const before = await tableSnapshot();
    for (const body of [{}, { user: 'a', group: 1 }, { group: -1 }, { user: 12.5 }, '{not json']) {
      expect((await call(F.removeContact, { as: 'rm-bad', body })).status, JSON.stringify(body)).toBe(400);
    }
    expect(await tableSnapshot()).toBe(before);
  });
});
