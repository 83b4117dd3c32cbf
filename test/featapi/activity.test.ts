import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, setDocumentClient } from '../../lib/store/client.js';
import { call, claimsFor } from '../support/call.js';
import { tableSnapshot } from '../support/table-state.js';
import { ADMIN, contactOf, createGroup, F, manyUsers, message, users } from './helpers.js';

const unread = async (as: string, query: Record<string, string>) => (await contactOf(as, query)).body.data?.unread_count;

describe('POST /api/party/admin/activity (ingestion)', () => {
  it('a direct message bumps both contacts and counts one unread for the receiver, once per message id', async () => {
    await users('dm-a', 'dm-b');
    const first = await message('dm-1', 'dm-a', { to_user: 'dm-b' });
    expect(first).toMatchObject({ status: 200, body: { data: { message_id: 'dm-1', duplicate: false } } });
    expect(await unread('dm-b', { user: 'dm-a' })).toBe(1);
    expect(await unread('dm-a', { user: 'dm-b' })).toBe(0);
    const t1 = (await contactOf('dm-b', { user: 'dm-a' })).body.data.contact_time;

    const before = await tableSnapshot();
    expect((await message('dm-1', 'dm-a', { to_user: 'dm-b' })).body.data).toEqual({ message_id: 'dm-1', duplicate: true });
    expect(await tableSnapshot()).toBe(before);
    expect(await unread('dm-b', { user: 'dm-a' })).toBe(1);

    await message('dm-2', 'dm-a', { to_user: 'dm-b' });
    expect(await unread('dm-b', { user: 'dm-a' })).toBe(2);
    expect((await contactOf('dm-b', { user: 'dm-a' })).body.data.contact_time > t1).toBe(true);
    // a stranger's message gives a contact with status 0
    expect((await contactOf('dm-b', { user: 'dm-a' })).body.data.status).toBe(0);
  });

  it('the same message id delivered concurrently counts once', async () => {
    await users('cc-a', 'cc-b');
    const results = await Promise.all(Array.from({ length: 4 }, () => message('cc-1', 'cc-a', { to_user: 'cc-b' })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results.filter((r) => r.body.data.duplicate === false)).toHaveLength(1);
    expect(await unread('cc-b', { user: 'cc-a' })).toBe(1);
  });

  it('refuses bad input (400), unknown users (404) and self-messages, writing nothing', async () => {
    await users('bi-a');
    await message('warm-up', 'bi-a', { to_user: 'nobody' }); // the app server's own first call makes its user record
    const before = await tableSnapshot();
    for (const body of [
      {},
      { message_id: 'x', from: 'bi-a' },
      { message_id: 'x', from: 'bi-a', to_user: 'b', to_group: 1 },
      { message_id: '', from: 'bi-a', to_user: 'b' },
      { message_id: 'x'.repeat(129), from: 'bi-a', to_user: 'b' },
      { message_id: 'x', from: 'bi-a', to_group: 0 },
    ]) {
      expect((await call(F.ingestActivity, { as: ADMIN, body })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await message('self', 'bi-a', { to_user: 'bi-a' })).status).toBe(400);
    expect(await message('ghost', 'bi-a', { to_user: 'nobody' })).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
    expect(await message('ghost-g', 'bi-a', { to_group: 987654 })).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
    expect(await tableSnapshot()).toBe(before);
  });

  it('is for the app server only: 401 without a token, 403 without scope party_admin', async () => {
    expect((await call(F.ingestActivity, { body: { message_id: 'm', from: 'a', to_user: 'b' } })).status).toBe(401);
    expect((await call(F.ingestActivity, { as: 'plain-user', body: { message_id: 'm', from: 'a', to_user: 'b' } })).status).toBe(403);
    expect((await call(F.createGroup, { as: 'plain-user', body: { name: 'g', creator: 'plain-user' } })).status).toBe(403);
    expect((await call(F.addMembers, { as: 'plain-user', body: { group: 1, members: ['x'] } })).status).toBe(403);
  });
});

describe('chat groups', () => {
  it('joining gives a group contact (300); a group message bumps every member and counts unread for the others, once', async () => {
    await users('g-a', 'g-b', 'g-c', 'g-d');
    const group = await createGroup('friends', 'g-a', ['g-b']);
    expect((await contactOf('g-b', { group: String(group.id) })).body.data).toMatchObject({ status: 300, unread_count: 0 });

    const added = await call(F.addMembers, { as: ADMIN, body: { group: group.id, members: ['g-c', 'g-b'] } });
    expect(added.body.data).toMatchObject({ group: { id: group.id, name: 'friends', creator: 'g-a' }, added: ['g-c'] });
    expect((await contactOf('g-c', { group: String(group.id) })).body.data.status).toBe(300);

    expect((await message('gm-1', 'g-b', { to_group: group.id })).body.data.duplicate).toBe(false);
    expect((await message('gm-1', 'g-b', { to_group: group.id })).body.data.duplicate).toBe(true);
    expect(await unread('g-a', { group: String(group.id) })).toBe(1);
    expect(await unread('g-c', { group: String(group.id) })).toBe(1);
    expect(await unread('g-b', { group: String(group.id) })).toBe(0);

    expect((await message('gm-2', 'g-d', { to_group: group.id })).status).toBe(400);
    expect((await call(F.addMembers, { as: ADMIN, body: { group: 424242, members: ['g-d'] } })).status).toBe(404);
    expect((await call(F.addMembers, { as: ADMIN, body: { group: group.id, members: ['nobody'] } })).status).toBe(404);
  });

  it('a group larger than one transaction is counted once per member, also when a delivery fails halfway', async () => {
    const members = Array.from({ length: 120 }, (_, i) => `big-${String(i).padStart(3, '0')}`);
    await manyUsers(members);
    const group = await createGroup('big', members[0]!, members.slice(1, 41));
    for (const batch of [members.slice(41, 81), members.slice(81)]) {
      expect((await call(F.addMembers, { as: ADMIN, body: { group: group.id, members: batch } })).status).toBe(200);
    }

    // the first delivery fails on its second chunk
    const real = db();
    let transactions = 0;
    setDocumentClient({
      send: async (command: unknown) => {
        if (command instanceof TransactWriteCommand && ++transactions === 2)
          throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
        return real.send(command as never);
      },
    } as unknown as typeof real);
    try {
      expect((await message('big-1', members[5]!, { to_group: group.id })).status).toBe(500);
    } finally {
      setDocumentClient(real);
    }
    expect((await message('big-1', members[5]!, { to_group: group.id })).body.data.duplicate).toBe(false);
    expect((await message('big-1', members[5]!, { to_group: group.id })).body.data.duplicate).toBe(true);

    const counts = await Promise.all(members.map((id) => unread(id, { group: String(group.id) })));
    expect(counts.filter((count, i) => count !== (i === 5 ? 0 : 1))).toEqual([]);
  });

  it('create_group validates its input (400) and its users (404)', async () => {
    await users('cg-a');
    for (const body of [
      {},
      { name: '', creator: 'cg-a' },
      { name: 'x'.repeat(65), creator: 'cg-a' },
      { name: 'g', creator: 'cg-a', members: Array(41).fill('cg-a') },
    ]) {
      expect((await call(F.createGroup, { as: ADMIN, body })).status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect((await call(F.createGroup, { as: ADMIN, body: { name: 'g', creator: 'cg-a', members: ['ghost'] } })).status).toBe(404);
  });
});

describe('POST /api/party/message/mark_read', () => {
  it('clears the unread counts of the listed users and groups and answers as FeatAPI does', async () => {
    await users('mr-a', 'mr-b', 'mr-c');
    const group = await createGroup('mr', 'mr-b', ['mr-a']);
    await message('mr-1', 'mr-b', { to_user: 'mr-a' });
    await message('mr-2', 'mr-c', { to_user: 'mr-a' });
    await message('mr-3', 'mr-b', { to_group: group.id });

    const out = await call(F.markRead, { as: 'mr-a', body: { from_user: ['mr-b', 'nobody'], to_group: [String(group.id)] } });
    expect(out).toMatchObject({ status: 200, body: { data: { detail: 'Messages mark as read', is_success: true } } });
    expect(out.body).toEqual({ data: { detail: 'Messages mark as read', is_success: true } });
    expect(await unread('mr-a', { user: 'mr-b' })).toBe(0);
    expect(await unread('mr-a', { group: String(group.id) })).toBe(0);
    expect(await unread('mr-a', { user: 'mr-c' })).toBe(1);
    // someone else's read does not touch mine
    expect(await unread('mr-b', { group: String(group.id) })).toBe(0);
  });

  it('needs scope party_message (403), both lists (400), and writes nothing when refused', async () => {
    await users('mr-x');
    const before = await tableSnapshot();
    const contactOnly = claimsFor('mr-x', { scope: 'party_contact' });
    expect((await call(F.markRead, { as: contactOnly, body: { from_user: ['a'], to_group: [] } })).status).toBe(403);
    for (const body of [
      {},
      { from_user: ['a'] },
      { from_user: [], to_group: [] },
      { from_user: 'a', to_group: [] },
      { from_user: [], to_group: ['x'] },
    ]) {
      expect((await call(F.markRead, { as: 'mr-x', body })).status, JSON.stringify(body)).toBe(400);
    }
    expect(await tableSnapshot()).toBe(before);
  });
});
