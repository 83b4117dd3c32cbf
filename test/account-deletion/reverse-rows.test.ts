import { describe, expect, it } from 'vitest';
import { recentContactRoutes } from '../../lib/routes/recent-contacts.js';
import { keys } from '../../lib/store/keys.js';
import { getItem } from '../../lib/store/items.js';
import { call } from '../support/call.js';
import { U } from '../support/sealtalk.js';
import { reverseRowDrift } from '../support/reverse-rows.js';
import { scanTable } from '../support/table-state.js';
import { callTim } from '../support/tim.js';
import { message } from '../featapi/helpers.js';
import { accounts, ok } from '../tencent-groups/helpers.js';

/** The rows pointing back at other users' records, kept with those records by every write path (docs/account-deletion.md). */
const R = recentContactRoutes;
const pin = (from: string, to: string, operation: 1 | 2) =>
  callTim(R.top, {
    From_Account: from,
    OperationType: operation,
    RecentContactItem: [
      { Type: 1, To_Account: to },
      { Type: 2, GroupId: '@TGS#1' },
    ],
  });
const pinnedBy = (peer: string, owner: string) => getItem(keys.pinnedBy(peer, owner), true);

describe('reverse rows', () => {
  it('PINNEDBY# exists exactly while a C2C pin is detached: pin, unpin, delete, and a contact made after the pin', async () => {
    await accounts('rr-owner', 'rr-peer');
    ok(await pin('rr-owner', 'rr-peer', 1));
    expect(await pinnedBy('rr-peer', 'rr-owner')).toMatchObject({ ownerId: 'rr-owner', userId: 'rr-peer' });
    ok(await pin('rr-owner', 'rr-peer', 2));
    expect(await pinnedBy('rr-peer', 'rr-owner')).toBeUndefined();

    ok(await pin('rr-owner', 'rr-peer', 1));
    ok(await callTim(R.delete, { From_Account: 'rr-owner', Type: 1, To_Account: 'rr-peer' }));
    expect(await pinnedBy('rr-peer', 'rr-owner')).toBeUndefined();

    // pinned first, the contact made afterwards: the pin stays detached, and so does its row
    ok(await pin('rr-owner', 'rr-peer', 1));
    expect((await message('rr-m1', 'rr-peer', { to_user: 'rr-owner' })).status).toBe(200);
    expect(await pinnedBy('rr-peer', 'rr-owner')).toBeDefined();
    expect(reverseRowDrift(await scanTable())).toEqual([]);
    ok(await pin('rr-owner', 'rr-peer', 2));
    expect(await pinnedBy('rr-peer', 'rr-owner')).toBeUndefined();

    // an attached pin (the contact exists) needs no row: the contact is found through CONTACTEDBY#
    ok(await pin('rr-owner', 'rr-peer', 1));
    expect(await pinnedBy('rr-peer', 'rr-owner')).toBeUndefined();
    expect(await getItem(keys.contactedBy('rr-peer', 'rr-owner'), true)).toBeDefined();
    expect(reverseRowDrift(await scanTable())).toEqual([]);
  });

  it('CONTACTEDBY# is written with every new user contact, whoever makes it', async () => {
    await accounts('rr-a', 'rr-b', 'rr-c');
    expect((await call(U.addToBlacklist, { as: 'rr-a', body: { friendId: 'rr-b' } })).status).toBe(200);
    expect(await getItem(keys.contactedBy('rr-b', 'rr-a'), true)).toMatchObject({ ownerId: 'rr-a', userId: 'rr-b' });
    expect(await getItem(keys.contactedBy('rr-a', 'rr-b'), true)).toBeUndefined();
    expect((await message('rr-m2', 'rr-c', { to_user: 'rr-a' })).status).toBe(200);
    expect(await getItem(keys.contactedBy('rr-c', 'rr-a'), true)).toBeDefined();
    expect(await getItem(keys.contactedBy('rr-a', 'rr-c'), true)).toBeDefined();
    expect(reverseRowDrift(await scanTable())).toEqual([]);
  });
});
