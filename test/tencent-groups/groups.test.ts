import { beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  addTo,
  c2c,
  changeMembers,
  createGroup,
  deleteGroup,
  fails,
  getPage,
  group,
  mark,
  ok,
  renameGroup,
  search,
} from './helpers.js';
import { callTim } from '../support/tim.js';
import { expectUnchanged } from '../support/table-state.js';
import { G } from './helpers.js';

/** create / update / del_contact_group: ids, names, members, per-item results, their errors. */
beforeAll(async () => {
  await accounts('g-ann', 'g-ben');
});

const groupsOf = async (from: string) => ok(await getPage(from)).GroupItem;
const same = (a: string, b: string) => expect(a).toBe(b);

describe('create_contact_group', () => {
  it('creates a group with its conversations and answers GroupResultItem as Tencent does', async () => {
    const body = ok(await createGroup('g-ann', 'test0', [c2c('g-ben'), group('@TGS#1N3RSUYG2')]));
    expect(body.GroupResultItem).toEqual([
      {
        GroupItem: { GroupName: 'test0', GroupId: 1 },
        ResultItem: [
          { ContactItem: { Type: 1, To_Account: 'g-ben' }, ResultCode: 0, ResultInfo: '' },
          { ContactItem: { Type: 2, ToGroupId: '@TGS#1N3RSUYG2' }, ResultCode: 0, ResultInfo: '' },
        ],
      },
    ]);
    expect(ok(await search('g-ann', [c2c('g-ben')])).ContactResultItem[0]).toMatchObject({ StandardMark: '0', ContactGroupId: [1] });
  });

  it('creates an empty group (ContactItem left out or empty) with the next id', async () => {
    const body = ok(await callTim(G.createContactGroup, { From_Account: 'g-ann', GroupContactItem: [{ GroupName: 'empty' }] }));
    expect(body.GroupResultItem).toEqual([{ GroupItem: { GroupName: 'empty', GroupId: 2 }, ResultItem: [] }]);
    expect(await groupsOf('g-ann')).toEqual([
      { GroupName: 'test0', GroupId: 1 },
      { GroupName: 'empty', GroupId: 2 },
    ]);
  });

  it('takes names of exactly 32 bytes and refuses 33 bytes or an empty name with 51011', async () => {
    ok(await createGroup('g-ben', 'x'.repeat(32)));
    ok(await createGroup('g-ben', `${'组'.repeat(10)}ab`)); // 32 bytes
    await expectUnchanged(async () => {
      fails(await createGroup('g-ben', 'x'.repeat(33)), 51011);
      fails(await createGroup('g-ben', '组'.repeat(11)), 51011); // 11 characters, 33 bytes
      fails(await createGroup('g-ben', ''), 51011);
    }, same);
  });

  it('refuses a name the user already has (50002), and more or fewer than one group per call (50002)', async () => {
    await expectUnchanged(async () => {
      fails(await createGroup('g-ann', 'test0', [c2c('g-new')]), 50002);
      fails(await callTim(G.createContactGroup, { From_Account: 'g-ann', GroupContactItem: [] }), 50002);
      fails(
        await callTim(G.createContactGroup, { From_Account: 'g-ann', GroupContactItem: [{ GroupName: 'a' }, { GroupName: 'b' }] }),
        50002,
      );
      fails(await callTim(G.createContactGroup, { From_Account: 'g-ann', GroupContactItem: [{ GroupName: 7 }] }), 50002);
      fails(
        await createGroup(
          'g-ann',
          'too many',
          Array.from({ length: 101 }, (_, i) => c2c(`g-p${i}`)),
        ),
        50002,
      );
    }, same);
    // another user may use the same name: groups are per user
    expect(ok(await createGroup('g-ben', 'test0')).GroupResultItem[0].GroupItem.GroupId).toBe(3);
  });

  it('creates a group with 100 conversations (two writes behind the scenes) and lists them all', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => c2c(`g-h${i}`));
    const body = ok(await createGroup('g-ben', 'hundred', hundred));
    expect(body.GroupResultItem[0].ResultItem).toHaveLength(100);
    expect(body.GroupResultItem[0].ResultItem.every((item: { ResultCode: number }) => item.ResultCode === 0)).toBe(true);
    const found = ok(await search('g-ben', hundred)).ContactResultItem;
    expect(found).toHaveLength(100);
    expect(new Set(found.map((item: { ContactGroupId: number[] }) => item.ContactGroupId.join()))).toEqual(
      new Set([String(body.GroupResultItem[0].GroupItem.GroupId)]),
    );
  });
});

describe('update_contact_group', () => {
  it('renames a group (UpdateGroupType 1), keeping its id and conversations', async () => {
    const body = ok(await renameGroup('g-ann', 'test0', '新名字'));
    expect(body).toMatchObject({
      UpdateType: 1,
      UpdateGroupResult: { UpdateGroupType: 1, OldGroupName: 'test0', GroupName: '新名字', GroupId: 1 },
    });
    expect(await groupsOf('g-ann')).toEqual([
      { GroupName: '新名字', GroupId: 1 },
      { GroupName: 'empty', GroupId: 2 },
    ]);
    expect(ok(await search('g-ann', [c2c('g-ben')])).GroupItem).toEqual([{ GroupName: '新名字', GroupId: 1 }]);
    // the old name is free again
    ok(await createGroup('g-ann', 'test0'));
    ok(await deleteGroup('g-ann', 'test0'));
  });

  it('refuses a rename to a taken name (50002), a too-long name (51011) and a missing group (51009)', async () => {
    await expectUnchanged(async () => {
      fails(await renameGroup('g-ann', '新名字', 'empty'), 50002);
      fails(await renameGroup('g-ann', '新名字', 'y'.repeat(33)), 51011);
      fails(await renameGroup('g-ann', 'nope', 'fresh'), 51009);
    }, same);
    ok(await renameGroup('g-ann', 'empty', 'empty')); // to its own name: nothing to do
  });

  it('adds and removes conversations (UpdateGroupType 2) with a result per conversation', async () => {
    const body = ok(
      await changeMembers('g-ann', 'empty', [
        { ContactOptType: 1, ContactItem: c2c('g-ben') },
        { ContactOptType: 1, ContactItem: group('@TGS#chat') },
        { ContactOptType: 1, ContactItem: c2c('g-ben') },
        { ContactOptType: 2, ContactItem: c2c('g-never') },
      ]),
    );
    expect(body.UpdateGroupResult).toEqual({
      UpdateGroupType: 2,
      GroupName: 'empty',
      GroupId: 2,
      ContactResultItem: [
        { ContactOptType: 1, ContactItem: { Type: 1, To_Account: 'g-ben' }, ResultCode: 0, ResultInfo: '' },
        { ContactOptType: 1, ContactItem: { Type: 2, ToGroupId: '@TGS#chat' }, ResultCode: 0, ResultInfo: '' },
        { ContactOptType: 1, ContactItem: { Type: 1, To_Account: 'g-ben' }, ResultCode: 0, ResultInfo: '' },
        { ContactOptType: 2, ContactItem: { Type: 1, To_Account: 'g-never' }, ResultCode: 0, ResultInfo: '' },
      ],
    });
    expect(ok(await search('g-ann', [c2c('g-ben')])).ContactResultItem[0].ContactGroupId).toEqual([1, 2]);

    ok(await changeMembers('g-ann', 'empty', [{ ContactOptType: 2, ContactItem: group('@TGS#chat') }]));
    expect(ok(await search('g-ann', [group('@TGS#chat')])).ContactResultItem).toEqual([]); // nothing left: forgotten
  });

  it('refuses a missing group (51009), bad types or counts (50002), writing nothing', async () => {
    const update = (UpdateGroup: unknown, UpdateType: unknown = 1) =>
      callTim(G.updateContactGroup, { From_Account: 'g-ann', UpdateType, UpdateGroup });
    await expectUnchanged(async () => {
      fails(await addTo('g-ann', 'nope', [c2c('g-ben')]), 51009);
      fails(await changeMembers('g-ann', 'empty', []), 50002);
      fails(
        await addTo(
          'g-ann',
          'empty',
          Array.from({ length: 101 }, (_, i) => c2c(`g-q${i}`)),
        ),
        50002,
      );
      fails(await changeMembers('g-ann', 'empty', [{ ContactOptType: 3 as 1, ContactItem: c2c('g-ben') }]), 50002);
      fails(await update({ UpdateGroupType: 3, OldGroupName: 'empty' }), 50002);
      fails(await update({ UpdateGroupType: 1, OldGroupName: 'empty' }), 50002);
      fails(await update({ UpdateGroupType: 1, OldGroupName: 'empty', NewGroupName: 'x' }, 2), 50002);
      fails(await update(undefined), 50002);
    }, same);
  });
});

describe('del_contact_group', () => {
  it('deletes a group: its conversations leave it, and those left with nothing are forgotten', async () => {
    await accounts('g-cat');
    ok(await createGroup('g-cat', 'a', [c2c('g-x'), c2c('g-y')]));
    ok(await createGroup('g-cat', 'b', [c2c('g-y')]));
    ok(await mark('g-cat', [{ OptType: 2, ContactItem: c2c('g-x'), CustomMark: 'keep me' }]));
    expect(ok(await deleteGroup('g-cat', 'a'))).toMatchObject({ GroupItem: [{ GroupName: 'a', GroupId: 1 }] });
    expect(await groupsOf('g-cat')).toEqual([{ GroupName: 'b', GroupId: 2 }]);
    const found = ok(await search('g-cat', [c2c('g-x'), c2c('g-y')])).ContactResultItem;
    expect(found).toEqual([
      { Type: 1, To_Account: 'g-x', StandardMark: '0', CustomMark: 'keep me', Timestamp: expect.any(Number) },
      { Type: 1, To_Account: 'g-y', StandardMark: '0', ContactGroupId: [2], Timestamp: expect.any(Number) },
    ]);
    ok(await deleteGroup('g-cat', 'b'));
    expect(ok(await getPage('g-cat'))).toMatchObject({ ContactItem: [{ To_Account: 'g-x' }], GroupItem: [], CompleteFlag: 1 });
    // ids are never handed out again
    expect(ok(await createGroup('g-cat', 'a')).GroupResultItem[0].GroupItem.GroupId).toBe(3);
  });

  it('refuses a missing group with 51009 and anything but one name with 50002, writing nothing', async () => {
    await expectUnchanged(async () => {
      fails(await deleteGroup('g-cat', 'nope'), 51009);
      fails(await callTim(G.delContactGroup, { From_Account: 'g-cat', GroupName: [] }), 50002);
      fails(await callTim(G.delContactGroup, { From_Account: 'g-cat', GroupName: ['a', 'b'] }), 50002);
      fails(await callTim(G.delContactGroup, { From_Account: 'g-cat', GroupName: 'a' }), 50002);
    }, same);
  });
});
