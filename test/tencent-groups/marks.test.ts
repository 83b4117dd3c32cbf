import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, c2c, createGroup, fails, group, mark, ok, search } from './helpers.js';
import { expectUnchanged } from '../support/table-state.js';

/** mark_contact: standard (64-bit) and custom marks, per-item results, its limits. */
beforeAll(async () => {
  await accounts('m-ann', 'm-ben');
});

const marksOf = async (from: string, contact: unknown) => ok(await search(from, [contact])).ContactResultItem[0];

describe('mark_contact', () => {
  it('sets standard and custom marks (OptType 3) and answers one ResultItem per MarkItem, in order', async () => {
    const body = ok(
      await mark('m-ann', [
        { OptType: 3, ContactItem: c2c('m-ben'), SetMark: [1, 2, 3], CustomMark: 'abcd' },
        { OptType: 1, ContactItem: group('@TGS#1B2AUI7RZ'), SetMark: [0, 63] },
      ]),
    );
    expect(body.ResultItem).toEqual([
      { OptType: 3, ContactItem: { Type: 1, To_Account: 'm-ben' }, ResultCode: 0, ResultInfo: '' },
      { OptType: 1, ContactItem: { Type: 2, ToGroupId: '@TGS#1B2AUI7RZ' }, ResultCode: 0, ResultInfo: '' },
    ]);
    expect(await marksOf('m-ann', c2c('m-ben'))).toEqual({
      Type: 1,
      To_Account: 'm-ben',
      StandardMark: '1110',
      CustomMark: 'abcd',
      Timestamp: expect.any(Number),
    });
    expect((await marksOf('m-ann', group('@TGS#1B2AUI7RZ'))).StandardMark).toBe(`1${'0'.repeat(62)}1`);
  });

  it('clears bits, leaves the part OptType does not name, and takes Type as the string "1" too', async () => {
    ok(
      await mark('m-ann', [
        { OptType: 1, ContactItem: { Type: '1', To_Account: 'm-ben' }, ClearMark: [1, 3, 40], CustomMark: 'not applied' },
      ]),
    );
    expect(await marksOf('m-ann', c2c('m-ben'))).toMatchObject({ StandardMark: '100', CustomMark: 'abcd' });
    ok(await mark('m-ann', [{ OptType: 2, ContactItem: c2c('m-ben'), SetMark: [9], CustomMark: 'x'.repeat(256) }]));
    expect(await marksOf('m-ann', c2c('m-ben'))).toMatchObject({ StandardMark: '100', CustomMark: 'x'.repeat(256) });
  });

  it('applies several items for one conversation in order', async () => {
    const body = ok(
      await mark('m-ann', [
        { OptType: 1, ContactItem: c2c('m-cy'), SetMark: [4] },
        { OptType: 1, ContactItem: c2c('m-cy'), SetMark: [5], ClearMark: [4] },
      ]),
    );
    expect(body.ResultItem.map((item: { ResultCode: number }) => item.ResultCode)).toEqual([0, 0]);
    expect((await marksOf('m-ann', c2c('m-cy'))).StandardMark).toBe('100000');
  });

  it('forgets a conversation once it holds nothing, but keeps one that is still in a group', async () => {
    ok(await mark('m-ann', [{ OptType: 3, ContactItem: c2c('m-cy'), ClearMark: [5], CustomMark: '' }]));
    expect(ok(await search('m-ann', [c2c('m-cy')])).ContactResultItem).toEqual([]);

    ok(await createGroup('m-ann', 'keep', [c2c('m-dee')]));
    ok(await mark('m-ann', [{ OptType: 1, ContactItem: c2c('m-dee'), SetMark: [2] }]));
    ok(await mark('m-ann', [{ OptType: 1, ContactItem: c2c('m-dee'), ClearMark: [2] }]));
    expect(await marksOf('m-ann', c2c('m-dee'))).toMatchObject({ StandardMark: '0', ContactGroupId: [expect.any(Number)] });
  });

  it('marking unread (bit 1) is only a mark: nothing else about the conversation changes', async () => {
    ok(await mark('m-ben', [{ OptType: 1, ContactItem: c2c('m-ann'), SetMark: [1] }]));
    expect(await marksOf('m-ben', c2c('m-ann'))).toEqual({
      Type: 1,
      To_Account: 'm-ann',
      StandardMark: '10',
      Timestamp: expect.any(Number),
    });
  });

  it('refuses an empty MarkItem or more than 100 with 51006, writing nothing', async () => {
    await expectUnchanged(
      async () => {
        fails(await mark('m-ann', []), 51006);
        const many = Array.from({ length: 101 }, (_, i) => ({ OptType: 1, ContactItem: c2c(`m-many${i}`), SetMark: [0] }));
        fails(await mark('m-ann', many), 51006);
      },
      (a, b) => expect(a).toBe(b),
    );
    const hundred = Array.from({ length: 100 }, (_, i) => ({ OptType: 1, ContactItem: c2c(`m-hundred${i}`), SetMark: [0] }));
    expect(ok(await mark('m-ben', hundred)).ResultItem).toHaveLength(100);
  });

  it('refuses bad items with 50002 and a clear ErrorInfo, writing nothing', async () => {
    const bad: Array<[unknown, string]> = [
      [{ OptType: 1, ContactItem: c2c('m-ben'), SetMark: [64] }, 'SetMark'],
      [{ OptType: 1, ContactItem: c2c('m-ben'), SetMark: [-1] }, 'SetMark'],
      [{ OptType: 1, ContactItem: c2c('m-ben'), SetMark: [1.5] }, 'SetMark'],
      [{ OptType: 1, ContactItem: c2c('m-ben'), SetMark: '1' }, 'SetMark'],
      [{ OptType: 2, ContactItem: c2c('m-ben'), CustomMark: 'x'.repeat(257) }, 'CustomMark'],
      [{ OptType: 2, ContactItem: c2c('m-ben'), CustomMark: '标'.repeat(86) }, 'CustomMark'], // 258 bytes
      [{ OptType: 2, ContactItem: c2c('m-ben') }, 'CustomMark'],
      [{ OptType: 1, ContactItem: c2c('m-ben'), SetMark: [3], ClearMark: [3] }, 'ClearMark'],
      [{ OptType: 4, ContactItem: c2c('m-ben') }, 'OptType'],
      [{ OptType: 1, ContactItem: { Type: 1, ToGroupId: 'g' } }, 'ContactItem'],
      [{ OptType: 1, ContactItem: { Type: 3, To_Account: 'm-ben' } }, 'ContactItem'],
      [{ OptType: 1 }, 'ContactItem'],
    ];
    await expectUnchanged(
      async () => {
        for (const [item, field] of bad) {
          const result = await mark('m-ann', [{ OptType: 1, ContactItem: c2c('m-fine'), SetMark: [0] }, item]);
          fails(result, 50002);
          expect(result.body.ErrorInfo).toContain(field);
        }
      },
      (a, b) => expect(a).toBe(b),
    );
  });
});
