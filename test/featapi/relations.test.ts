import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, setDocumentClient } from '../../lib/store/client.js';
import { call } from '../support/call.js';
import { tableSnapshot } from '../support/table-state.js';
import { contactOf, F, relate, S, U, users } from './helpers.js';
import { streamDrained } from '../support/stream.js';

const statusOf = async (as: string, user: string) => (await contactOf(as, { user })).body.data?.status;
const sealTalkStatus = async (as: string, friend: string) =>
  (await call(S.all, { as })).body.result.find((entry: { user: { id: string } }) => entry.user.id === friend)?.status;

/** Every item but the id counters (ids handed out before a failed transaction are simply skipped). */
const withoutCounters = (snapshot: string) => (JSON.parse(snapshot) as string[]).filter((item) => !item.includes('"COUNTER#')).join('\n');

describe('one relation, two dialects', () => {
  it('FeatAPI apply is a SealTalk request; SealTalk agree makes both contacts 300', async () => {
    await users('fa-a', 'fa-b');
    const applied = await relate('fa-a', 'apply', 'fa-b');
    expect(applied.status).toBe(200);
    expect(applied.body.data).toMatchObject({ friend: 'fa-b', status: 100, unread_count: 0 });
    expect(await statusOf('fa-b', 'fa-a')).toBe(200);
    expect(await sealTalkStatus('fa-a', 'fa-b')).toBe(10);
    expect(await sealTalkStatus('fa-b', 'fa-a')).toBe(11);

    expect((await call(S.agree, { as: 'fa-b', body: { friendId: 'fa-a' } })).body.result).toEqual({ action: 'Added' });
    expect(await statusOf('fa-a', 'fa-b')).toBe(300);
    expect(await statusOf('fa-b', 'fa-a')).toBe(300);
  });

  it('a SealTalk invite is seen in FeatAPI (200) and accepted there; SealTalk then shows both edges 20', async () => {
    await users('sf-a', 'sf-b');
    expect((await call(S.invite, { as: 'sf-a', body: { friendId: 'sf-b', message: 'hello' } })).body.result).toEqual({ action: 'Sent' });
    expect(await statusOf('sf-b', 'sf-a')).toBe(200);
    expect(await statusOf('sf-a', 'sf-b')).toBe(100);
    const accepted = await relate('sf-b', 'accept', 'sf-a');
    expect(accepted.body.data).toMatchObject({ friend: 'sf-a', status: 300 });
    expect(await sealTalkStatus('sf-a', 'sf-b')).toBe(20);
    expect(await sealTalkStatus('sf-b', 'sf-a')).toBe(20);
    expect(await statusOf('sf-a', 'sf-b')).toBe(300);
  });

  it('a FeatAPI reject refuses a SealTalk invite: the applicant is 500 and cannot apply again in either dialect', async () => {
    await users('rj-a', 'rj-b');
    await call(S.invite, { as: 'rj-a', body: { friendId: 'rj-b', message: 'hi' } });
    const rejected = await relate('rj-b', 'reject', 'rj-a');
    expect(rejected.body.data).toMatchObject({ status: 0 });
    expect(await statusOf('rj-a', 'rj-b')).toBe(500);
    expect(await sealTalkStatus('rj-b', 'rj-a')).toBe(21);

    const before = await tableSnapshot();
    expect((await call(S.invite, { as: 'rj-a', body: { friendId: 'rj-b', message: 'again' } })).body.result).toEqual({ action: 'None' });
    const again = await relate('rj-a', 'apply', 'rj-b');
    expect(again.status).toBe(400);
    expect(again.body.detail).toMatch(/rejected/);
    expect(await tableSnapshot()).toBe(before);

    // the one who rejected may change their mind: the applicant's request still stands, so they are friends at once
    expect((await relate('rj-b', 'apply', 'rj-a')).body.data.status).toBe(300);
    expect(await statusOf('rj-a', 'rj-b')).toBe(300);
  });

  it('a SealTalk ignore stays silent for the applicant (100), and FeatAPI reject of an ignored request is 404', async () => {
    await users('ig-a', 'ig-b');
    await call(S.invite, { as: 'ig-a', body: { friendId: 'ig-b', message: 'hi' } });
    await call(S.ignore, { as: 'ig-b', body: { friendId: 'ig-a' } });
    expect(await statusOf('ig-a', 'ig-b')).toBe(100);
    expect(await statusOf('ig-b', 'ig-a')).toBe(0);
    expect(await relate('ig-b', 'reject', 'ig-a')).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
  });

  it('recall withdraws a request; two recalls within 24 h: status 400 and 400 answers for 24 h', async () => {
    await users('rc-a', 'rc-b');
    await relate('rc-a', 'apply', 'rc-b');
    expect((await relate('rc-a', 'recall', 'rc-b')).body.data.status).toBe(0);
    expect(await statusOf('rc-b', 'rc-a')).toBe(0);
    expect((await call(S.agree, { as: 'rc-b', body: { friendId: 'rc-a' } })).status).toBe(404);

    await relate('rc-a', 'apply', 'rc-b');
    expect((await relate('rc-a', 'recall', 'rc-b')).body.data.status).toBe(400);
    const apply = await relate('rc-a', 'apply', 'rc-b');
    expect(apply.status).toBe(400);
    expect(apply.body.detail).toMatch(/recalled twice/);
    expect((await relate('rc-a', 'recall', 'rc-b')).status).toBe(404);
    expect((await call(S.invite, { as: 'rc-a', body: { friendId: 'rc-b', message: '' } })).body.result).toEqual({ action: 'None' });
  });

  it('black is a SealTalk blacklist entry and the other way round; unblack restores the status held before', async () => {
    await users('bk-a', 'bk-b', 'bk-c');
    await relate('bk-a', 'apply', 'bk-b');
    await relate('bk-b', 'accept', 'bk-a');

    expect((await relate('bk-a', 'black', 'bk-b')).body.data.status).toBe(600);
    expect(await statusOf('bk-b', 'bk-a')).toBe(300);
    expect((await call(U.blacklist, { as: 'bk-a' })).body.result.map((entry: { user: { id: string } }) => entry.user.id)).toEqual(['bk-b']);

    expect((await call(U.addToBlacklist, { as: 'bk-a', body: { friendId: 'bk-c' } })).status).toBe(200);
    const black = await call(F.blackList, { as: 'bk-a' });
    expect(black.status).toBe(200);
    expect(Object.keys(black.body)).toEqual(['data']);
    expect(black.body.data.map((c: { friend: string; status: number }) => [c.friend, c.status]).sort()).toEqual([
      ['bk-b', 600],
      ['bk-c', 600],
    ]);

    expect((await relate('bk-a', 'unblack', 'bk-b')).body.data.status).toBe(300);
    expect((await call(U.removeFromBlacklist, { as: 'bk-a', body: { friendId: 'bk-c' } })).status).toBe(200);
    expect(await statusOf('bk-a', 'bk-c')).toBe(0);
    expect((await call(F.blackList, { as: 'bk-a' })).body.data).toEqual([]);
    expect(await relate('bk-a', 'unblack', 'bk-b')).toMatchObject({ status: 400 });
  });

  it('refuses bad update_relation input (400), unknown users (404), and writes nothing', async () => {
    await users('ur-a');
    const before = await tableSnapshot();
    for (const body of [
      {},
      { action: 'befriend', friend: 'x' },
      { action: 'apply' },
      { action: 'apply', friend: '' },
      { action: 'apply', friend: 'ur-a' },
    ]) {
      expect((await call(F.updateRelation, { as: 'ur-a', body })).status, JSON.stringify(body)).toBe(400);
    }
    expect(await relate('ur-a', 'apply', 'nobody-here')).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
    expect(await tableSnapshot()).toBe(before);
  });

  it('accepts a numeric friend id as FeatAPI documents it', async () => {
    await users('num-a', '5315959601855');
    expect((await relate('num-a', 'apply', 5315959601855)).body.data).toMatchObject({ friend: '5315959601855', status: 100 });
  });
});

describe('contacts come from friendship, in the same transaction as the edges', () => {
  it('agree writes both edges and both contacts in one TransactWriteItems; when it fails nothing is written', async () => {
    await users('tx-a', 'tx-b');
    await call(S.invite, { as: 'tx-a', body: { friendId: 'tx-b', message: 'hi' } });
    await call(F.removeContact, { as: 'tx-a', body: { user: 'tx-b' } });
    await call(F.removeContact, { as: 'tx-b', body: { user: 'tx-a' } });
    const before = await tableSnapshot();

    const real = db();
    const seen: string[][] = [];
    setDocumentClient({
      send: async (command: unknown) => {
        if (command instanceof TransactWriteCommand) {
          seen.push(
            (command.input.TransactItems ?? []).map((item) =>
              JSON.stringify(item.Put?.Item?.sk ?? item.Update?.Key?.sk ?? item.ConditionCheck?.Key?.sk ?? item.Delete?.Key?.sk),
            ),
          );
          throw Object.assign(new Error('injected failure'), { name: 'InternalServerError' });
        }
        return real.send(command as never);
      },
    } as unknown as typeof real);
    try {
      expect((await call(S.agree, { as: 'tx-b', body: { friendId: 'tx-a' } })).status).toBe(500);
    } finally {
      setDocumentClient(real);
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(expect.arrayContaining(['"FRIEND#tx-a"', '"FRIEND#tx-b"', '"CONTACT#U#tx-a"', '"CONTACT#U#tx-b"']));
    expect(withoutCounters(await tableSnapshot())).toBe(withoutCounters(before));

    expect((await call(S.agree, { as: 'tx-b', body: { friendId: 'tx-a' } })).status).toBe(200);
    expect((await contactOf('tx-a', { user: 'tx-b' })).body.data).toMatchObject({ status: 300 });
    expect((await contactOf('tx-b', { user: 'tx-a' })).body.data).toMatchObject({ status: 300 });
  });

  it('invite answered Added and AddDirectly give both users a 300 contact', async () => {
    await users('ad-a', 'ad-b', 'ad-c');
    await call(S.invite, { as: 'ad-b', body: { friendId: 'ad-a', message: '' } });
    expect((await call(S.invite, { as: 'ad-a', body: { friendId: 'ad-b', message: '' } })).body.result).toEqual({ action: 'Added' });
    expect(await statusOf('ad-a', 'ad-b')).toBe(300);
    expect(await statusOf('ad-b', 'ad-a')).toBe(300);

    await call(U.setPrivacy, { as: 'ad-c', body: { friVerify: 0 } });
    expect((await call(S.invite, { as: 'ad-a', body: { friendId: 'ad-c', message: '' } })).body.result).toEqual({ action: 'AddDirectly' });
    expect(await statusOf('ad-a', 'ad-c')).toBe(300);
    expect(await statusOf('ad-c', 'ad-a')).toBe(300);
  });

  it('apply to a user who blocks me is refused first, whatever their friVerify: 400, nothing written, the block stays', async () => {
    await users('abf-a', 'abf-b');
    expect((await call(U.addToBlacklist, { as: 'abf-b', body: { friendId: 'abf-a' } })).status).toBe(200);
    expect((await call(U.setPrivacy, { as: 'abf-b', body: { friVerify: 0 } })).status).toBe(200);
    const before = await tableSnapshot();
    const applied = await relate('abf-a', 'apply', 'abf-b');
    expect(applied.status).toBe(400);
    expect(Object.keys(applied.body)).toEqual(['detail']);
    expect(await tableSnapshot()).toBe(before);
    expect(await statusOf('abf-b', 'abf-a')).toBe(600);
    expect(await sealTalkStatus('abf-a', 'abf-b')).toBeUndefined();
  });

  it('a profile change reaches the contacts that hold the card', async () => {
    await users('pc-a', 'pc-b');
    await relate('pc-a', 'apply', 'pc-b');
    await relate('pc-b', 'accept', 'pc-a');
    expect((await call(U.setNickname, { as: 'pc-b', body: { nickname: 'Renamed' } })).status).toBe(200);
    await streamDrained();
    const { listAllContacts } = await import('../../lib/store/contacts.js');
    const [contact] = await listAllContacts('pc-a');
    expect(contact?.peer).toMatchObject({ id: 'pc-b', nickname: 'Renamed' });
  });
});
