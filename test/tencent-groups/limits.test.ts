import { describe, expect, it } from 'vitest';
import { MAX_CONVERSATIONS } from '../../lib/domain/conversation-limits.js';
import { accounts, addTo, allConversations, c2c, createGroup, deleteGroup, fails, mark, ok, peers, search } from './helpers.js';

/** The limits that must hold under concurrent calls: 20 groups, 1,000 per group and 1,000 in all. */
const star = (contact: unknown) => ({ OptType: 1, ContactItem: contact, SetMark: [0] });
const codes = (items: Array<{ ResultCode: number }>) => items.map((item) => item.ResultCode);

/** Marks `n` new conversations, 100 a call. */
async function markMany(from: string, prefix: string, n: number): Promise<void> {
  for (let start = 0; start < n; start += 100) {
    const body = ok(await mark(from, peers(prefix, Math.min(100, n - start), start).map(star)));
    expect(codes(body.ResultItem).every((code) => code === 0)).toBe(true);
  }
}

describe('20 groups per user', () => {
  it('30 create_contact_group at once: exactly 20 groups and 10 errors 51010', async () => {
    await accounts('l-con');
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => createGroup('l-con', `group ${i}`, [c2c('l-shared')])));
    const created = results.filter((result) => result.body.ErrorCode === 0);
    const refused = results.filter((result) => result.body.ErrorCode === 51010);
    expect(created).toHaveLength(20);
    expect(refused).toHaveLength(10);
    for (const result of refused) fails(result, 51010);

    const { groups, items } = await allConversations('l-con');
    expect(groups).toHaveLength(20);
    const ids = created.map((result) => result.body.GroupResultItem[0].GroupItem.GroupId).sort((a, b) => a - b);
    expect(groups.map((g: { GroupId: number }) => g.GroupId)).toEqual(ids);
    expect(new Set(ids).size).toBe(20);
    // the shared conversation joined every created group exactly once
    expect(items).toEqual([expect.objectContaining({ To_Account: 'l-shared', ContactGroupId: ids })]);

    fails(await createGroup('l-con', 'one more'), 51010);
    ok(await deleteGroup('l-con', groups[0].GroupName));
    ok(await createGroup('l-con', 'after a delete'));
  });

  it('a 21st group is refused with 51010; deleting one makes room again', async () => {
    await accounts('l-seq');
    for (let i = 0; i < 20; i++) ok(await createGroup('l-seq', `g${i}`));
    fails(await createGroup('l-seq', 'g20', [c2c('l-x')]), 51010);
    expect(ok(await search('l-seq', [c2c('l-x')])).ContactResultItem).toEqual([]); // the refused call stored nothing
    ok(await deleteGroup('l-seq', 'g7'));
    ok(await createGroup('l-seq', 'g20'));
  });
});

describe('1,000 marked or grouped conversations per user', () => {
  it('refuses the 1,001st conversation per item with 51008; known ones still change; freeing one makes room', async () => {
    await accounts('l-tot');
    await markMany('l-tot', 'l-t', MAX_CONVERSATIONS);

    const body = ok(await mark('l-tot', [star(c2c('l-new')), { OptType: 2, ContactItem: c2c('l-t5'), CustomMark: 'still fine' }]));
    expect(body.ResultItem[0]).toMatchObject({ ResultCode: 51008, ResultInfo: expect.stringContaining('1000') });
    expect(body.ResultItem[1]).toMatchObject({ ResultCode: 0 });

    // a new group may be made, but a new conversation may not join it; a known one may
    const created = ok(await createGroup('l-tot', 'full', [c2c('l-new'), c2c('l-t1')]));
    expect(codes(created.GroupResultItem[0].ResultItem)).toEqual([51008, 0]);
    expect(codes(ok(await addTo('l-tot', 'full', [c2c('l-new2'), c2c('l-t2')])).UpdateGroupResult.ContactResultItem)).toEqual([51008, 0]);

    ok(await mark('l-tot', [{ OptType: 1, ContactItem: c2c('l-t9'), ClearMark: [0] }])); // l-t9 now holds nothing
    expect(codes(ok(await mark('l-tot', [star(c2c('l-new'))])).ResultItem)).toEqual([0]);
    expect((await allConversations('l-tot')).items).toHaveLength(MAX_CONVERSATIONS);
  });

  it('holds under concurrent calls: 5 calls of 20 new conversations with room for 50 store exactly 50', async () => {
    await accounts('l-race');
    await markMany('l-race', 'l-r', MAX_CONVERSATIONS - 50);
    const results = await Promise.all(Array.from({ length: 5 }, (_, call) => mark('l-race', peers(`l-race${call}-`, 20).map(star))));
    const all = results.flatMap((result) => codes(ok(result).ResultItem));
    expect(all.filter((code) => code === 0)).toHaveLength(50);
    expect(all.filter((code) => code === 51008)).toHaveLength(50);
    expect((await allConversations('l-race')).items).toHaveLength(MAX_CONVERSATIONS);
  });
});

describe('1,000 conversations per group', () => {
  it('fills a group to 1,000 and refuses the next with 51008', async () => {
    await accounts('l-big');
    ok(await createGroup('l-big', 'big'));
    for (let start = 0; start < 1000; start += 100) {
      const result = ok(await addTo('l-big', 'big', peers('l-b', 100, start)));
      expect(codes(result.UpdateGroupResult.ContactResultItem).every((code) => code === 0)).toBe(true);
    }
    const over = ok(await addTo('l-big', 'big', [c2c('l-b1000')])).UpdateGroupResult.ContactResultItem[0];
    expect(over).toMatchObject({ ResultCode: 51008 });
    const { items, pages } = await allConversations('l-big');
    expect(items).toHaveLength(1000);
    expect(pages).toBe(10);
    // deleting the group frees all 1,000 at once
    ok(await deleteGroup('l-big', 'big'));
    expect((await allConversations('l-big')).items).toEqual([]);
    expect(codes(ok(await mark('l-big', [star(c2c('l-after'))])).ResultItem)).toEqual([0]);
  });
});
