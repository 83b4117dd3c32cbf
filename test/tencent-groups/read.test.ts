import { afterEach, describe, expect, it, vi } from 'vitest';
import { metered } from '../../lib/meter.js';
import { accounts, allConversations, c2c, createGroup, fails, getPage, group, mark, ok, peers, search } from './helpers.js';
import { callTim } from '../support/tim.js';
import { G } from './helpers.js';

/** search_contact_group (Tencent's example, exactly) and get_contact_group (pages), with what they cost. */
afterEach(() => {
  vi.useRealTimers();
});

/**
 * The example request and response of Tencent's search_contact_group page, as they stand there
 * (docs/api-tencent.md#search_contact_group-example).
 */
const SEED_REQUEST = { From_Account: 'yahaha', ContactItem: [{ Type: 1, To_Account: 'xixi' }] };
const SEED_RESPONSE = {
  ContactResultItem: [
    {
      Type: 1,
      To_Account: 'xixi',
      StandardMark: '11111110',
      CustomMark: 'xxyyyzzzfffffffxxx111111',
      ContactGroupId: [1, 2],
      Timestamp: 1673500546,
    },
  ],
  GroupItem: [
    { GroupName: 'test1x', GroupId: 1 },
    { GroupName: 'test10', GroupId: 2 },
  ],
  ActionStatus: 'OK',
  ErrorCode: 0,
  ErrorInfo: '',
  ErrorDisplay: '',
};

function seedExample(): { request: unknown; response: unknown } {
  return { request: SEED_REQUEST, response: SEED_RESPONSE };
}

describe('search_contact_group', () => {
  it("answers Tencent's documented example exactly", async () => {
    const { request, response } = seedExample();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1673500546 * 1000);
    await accounts('yahaha');
    ok(await createGroup('yahaha', 'test1x', [c2c('xixi')]));
    ok(await createGroup('yahaha', 'test10', [c2c('xixi')]));
    ok(
      await mark('yahaha', [
        { OptType: 3, ContactItem: c2c('xixi'), SetMark: [1, 2, 3, 4, 5, 6, 7], CustomMark: 'xxyyyzzzfffffffxxx111111' },
      ]),
    );
    const result = await callTim(G.searchContactGroup, request);
    expect(JSON.stringify(result.body)).toBe(JSON.stringify(response));
  });

  it('answers only conversations that hold something, each once, in the order asked, with their groups', async () => {
    await accounts('r-ann');
    ok(await createGroup('r-ann', 'unused'));
    ok(await createGroup('r-ann', 'work', [group('@TGS#w')]));
    ok(await mark('r-ann', [{ OptType: 2, ContactItem: c2c('r-bo'), CustomMark: 'vip' }]));
    const body = ok(await search('r-ann', [c2c('r-none'), group('@TGS#w'), c2c('r-bo'), group('@TGS#w')]));
    expect(body.ContactResultItem).toEqual([
      { Type: 2, ToGroupId: '@TGS#w', StandardMark: '0', ContactGroupId: [2], Timestamp: expect.any(Number) },
      { Type: 1, To_Account: 'r-bo', StandardMark: '0', CustomMark: 'vip', Timestamp: expect.any(Number) },
    ]);
    expect(body.GroupItem).toEqual([{ GroupName: 'work', GroupId: 2 }]);
    expect(ok(await search('r-ann', [c2c('r-none')]))).toMatchObject({ ContactResultItem: [], GroupItem: [] });
  });

  it('300 conversations cost one parallel wave of BatchGetItem (≤ 100 keys each) and nothing else', async () => {
    await accounts('r-many');
    const contacts = peers('r-m', 300);
    for (let start = 0; start < 300; start += 100)
      ok(
        await mark(
          'r-many',
          contacts.slice(start, start + 100).map((ContactItem) => ({ OptType: 1, ContactItem, SetMark: [2] })),
        ),
      );
    const { result, usage } = await metered(() => search('r-many', contacts));
    expect(ok(result).ContactResultItem).toHaveLength(300);
    expect(usage.byCommand).toEqual({ BatchGetItemCommand: 4 }); // 300 records + the user + the groups header = 302 keys
    expect(usage.roundTrips).toBe(1);
  });

  it('takes 1–300 conversations; anything else is 50002', async () => {
    fails(await search('r-many', []), 50002);
    fails(await search('r-many', peers('r-m', 301)), 50002);
    fails(await callTim(G.searchContactGroup, { From_Account: 'r-many', ContactItem: { Type: 1, To_Account: 'x' } }), 50002);
  });
});

describe('get_contact_group', () => {
  it('pages by StartIndex / NextStartIndex with CompleteFlag, every conversation once, every group on each page', async () => {
    await accounts('r-pages');
    ok(await createGroup('r-pages', 'g', [c2c('r-p0')]));
    for (let start = 0; start < 300; start += 100)
      ok(
        await mark(
          'r-pages',
          peers('r-p', 100, start).map((ContactItem) => ({ OptType: 1, ContactItem, SetMark: [0] })),
        ),
      );
    const first = ok(await getPage('r-pages'));
    expect(first).toMatchObject({ CompleteFlag: 0, GroupItem: [{ GroupName: 'g', GroupId: 1 }] });
    expect(first.ContactItem).toHaveLength(100);
    expect(first.ContactItem[0]).toEqual({
      Type: 1,
      To_Account: 'r-p0',
      StandardMark: '1',
      ContactGroupId: [1],
      Timestamp: expect.any(Number),
    });
    expect(first.NextStartIndex).toBeGreaterThan(0);

    const { items, pages, groups } = await allConversations('r-pages');
    expect(pages).toBe(3); // 300 conversations (r-p0 … r-p299), 100 a page; the third says CompleteFlag 1 itself
    expect(new Set(items.map((item: { To_Account: string }) => item.To_Account)).size).toBe(300);
    expect(groups).toEqual([{ GroupName: 'g', GroupId: 1 }]);

    const { result, usage } = await metered(() => getPage('r-pages', first.NextStartIndex));
    expect(ok(result).ContactItem[0].To_Account).toBe('r-p100');
    expect(usage.byCommand).toEqual({ BatchGetItemCommand: 1, QueryCommand: 1 });
    expect(usage.roundTrips).toBe(1);
  });

  it('an account with nothing gets an empty, complete page; a bad StartIndex is 50002', async () => {
    await accounts('r-empty');
    expect(ok(await getPage('r-empty'))).toMatchObject({ ContactItem: [], GroupItem: [], CompleteFlag: 1, NextStartIndex: 0 });
    fails(await getPage('r-empty', -1), 50002);
    fails(await callTim(G.getContactGroup, { From_Account: 'r-empty', StartIndex: '0' }), 50002);
    fails(await callTim(G.getContactGroup, { From_Account: 'r-empty' }), 50002);
  });
});
