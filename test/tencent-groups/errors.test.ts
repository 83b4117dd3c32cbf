import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, c2c, createGroup, deleteGroup, fails, G, getPage, mark, ok, renameGroup, search } from './helpers.js';
import { callTim, usersig } from '../support/tim.js';
import { expectUnchanged } from '../support/table-state.js';

/** Errors every endpoint shares (bad JSON, wrong types, unknown accounts, admin only) and one user's data staying theirs. */
const same = (a: string, b: string) => expect(a).toBe(b);

/** A valid body per endpoint, for an account. */
const validBodies = (from: string) => ({
  markContact: { From_Account: from, MarkItem: [{ OptType: 1, ContactItem: c2c('e-peer'), SetMark: [0] }] },
  createContactGroup: { From_Account: from, GroupContactItem: [{ GroupName: 'g', ContactItem: [c2c('e-peer')] }] },
  updateContactGroup: { From_Account: from, UpdateType: 1, UpdateGroup: { UpdateGroupType: 1, OldGroupName: 'g', NewGroupName: 'h' } },
  delContactGroup: { From_Account: from, GroupName: ['g'] },
  getContactGroup: { From_Account: from, StartIndex: 0 },
  searchContactGroup: { From_Account: from, ContactItem: [c2c('e-peer')] },
});
const endpoints = Object.keys(G) as Array<keyof typeof G>;

beforeAll(async () => {
  await accounts('e-ann', 'e-ben');
});

describe('every endpoint', () => {
  it.each(endpoints)('%s: body that is not JSON → 60003, wrong shapes → 50002, nothing written', async (name) => {
    await expectUnchanged(async () => {
      fails(await callTim(G[name], '{"From_Account": "e-ann",'), 60003);
      fails(await callTim(G[name], 'not json at all'), 60003);
      for (const body of [
        {},
        [],
        null,
        JSON.stringify('text'),
        7,
        { ...validBodies('e-ann')[name], From_Account: 42 },
        { ...validBodies('e-ann')[name], From_Account: '' },
      ]) {
        fails(await callTim(G[name], body), 50002);
      }
    }, same);
  });

  it.each(endpoints)('%s: an unknown From_Account → 50001, nothing written', async (name) => {
    await expectUnchanged(async () => fails(await callTim(G[name], validBodies('e-nobody')[name]), 50001), same);
  });

  it.each(endpoints)('%s: only the app admin may call (50003); a bad usersig is refused (70009)', async (name) => {
    await expectUnchanged(async () => {
      fails(await callTim(G[name], validBodies('e-ann')[name], { identifier: 'e-ann', usersig: usersig('e-ann') }), 50003);
      fails(await callTim(G[name], validBodies('e-ann')[name], { usersig: usersig(undefined, { key: 'not-the-key' }) }), 70009);
    }, same);
  });
});

describe("one user's marks and groups are theirs alone", () => {
  it('another account sees none of them and cannot change them', async () => {
    ok(await createGroup('e-ann', 'private', [c2c('e-ben')]));
    ok(await mark('e-ann', [{ OptType: 3, ContactItem: c2c('e-ben'), SetMark: [0], CustomMark: 'secret' }]));

    expect(ok(await getPage('e-ben'))).toMatchObject({ ContactItem: [], GroupItem: [], CompleteFlag: 1 });
    expect(ok(await search('e-ben', [c2c('e-ben')])).ContactResultItem).toEqual([]);
    await expectUnchanged(async () => {
      fails(await renameGroup('e-ben', 'private', 'mine'), 51009);
      fails(await deleteGroup('e-ben', 'private'), 51009);
    }, same);

    // the same names and conversations for e-ben are e-ben's own records
    expect(ok(await createGroup('e-ben', 'private', [c2c('e-ben')])).GroupResultItem[0].GroupItem.GroupId).toBe(1);
    ok(await deleteGroup('e-ben', 'private'));
    expect(ok(await search('e-ann', [c2c('e-ben')])).ContactResultItem).toEqual([
      { Type: 1, To_Account: 'e-ben', StandardMark: '1', CustomMark: 'secret', ContactGroupId: [1], Timestamp: expect.any(Number) },
    ]);
  });
});
