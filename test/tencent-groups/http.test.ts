import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from '../support/http-client.js';
import { accounts } from './helpers.js';

/** Conversation marks and groups as a Tencent app server sees them: HTTP through the local server, usersig from tls-sig-api-v2. */
const { tim: post } = useLocalServer();

beforeAll(async () => {
  await accounts('h-ann');
});

describe('Tencent marks and groups over HTTP', () => {
  it('creates, fills, renames, marks, searches, pages and deletes', async () => {
    const from = 'h-ann';
    const created = await post('create_contact_group', {
      From_Account: from,
      GroupContactItem: [{ GroupName: 'work', ContactItem: [{ Type: 1, To_Account: 'h-bo' }] }],
    });
    expect(created).toMatchObject({
      status: 200,
      body: { ActionStatus: 'OK', ErrorCode: 0, GroupResultItem: [{ GroupItem: { GroupName: 'work', GroupId: 1 } }] },
    });

    const filled = await post('update_contact_group', {
      From_Account: from,
      UpdateType: 1,
      UpdateGroup: {
        UpdateGroupType: 2,
        OldGroupName: 'work',
        ContactUpdateItem: [{ ContactOptType: 1, ContactItem: { Type: 2, ToGroupId: '@TGS#team' } }],
      },
    });
    expect(filled.body.UpdateGroupResult.ContactResultItem).toEqual([
      { ContactOptType: 1, ContactItem: { Type: 2, ToGroupId: '@TGS#team' }, ResultCode: 0, ResultInfo: '' },
    ]);

    const renamed = await post('update_contact_group', {
      From_Account: from,
      UpdateType: 1,
      UpdateGroup: { UpdateGroupType: 1, OldGroupName: 'work', NewGroupName: 'office' },
    });
    expect(renamed.body.UpdateGroupResult).toEqual({ UpdateGroupType: 1, OldGroupName: 'work', GroupName: 'office', GroupId: 1 });

    const marked = await post('mark_contact', {
      From_Account: from,
      MarkItem: [{ OptType: 3, ContactItem: { Type: 1, To_Account: 'h-bo' }, SetMark: [0, 3], CustomMark: 'boss' }],
    });
    expect(marked.body.ResultItem).toEqual([{ OptType: 3, ContactItem: { Type: 1, To_Account: 'h-bo' }, ResultCode: 0, ResultInfo: '' }]);

    const found = await post('search_contact_group', { From_Account: from, ContactItem: [{ Type: 1, To_Account: 'h-bo' }] });
    expect(found.body).toEqual({
      ContactResultItem: [
        { Type: 1, To_Account: 'h-bo', StandardMark: '1001', CustomMark: 'boss', ContactGroupId: [1], Timestamp: expect.any(Number) },
      ],
      GroupItem: [{ GroupName: 'office', GroupId: 1 }],
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });

    const page = await post('get_contact_group', { From_Account: from, StartIndex: 0 });
    expect(page.body).toMatchObject({ CompleteFlag: 1, NextStartIndex: 0, GroupItem: [{ GroupName: 'office', GroupId: 1 }] });
    expect(page.body.ContactItem).toHaveLength(2);

    const deleted = await post('del_contact_group', { From_Account: from, GroupName: ['office'] });
    expect(deleted.body).toMatchObject({ ActionStatus: 'OK', GroupItem: [{ GroupName: 'office', GroupId: 1 }] });
    const after = await post('get_contact_group', { From_Account: from, StartIndex: 0 });
    expect(after.body.ContactItem).toEqual([
      { Type: 1, To_Account: 'h-bo', StandardMark: '1001', CustomMark: 'boss', Timestamp: expect.any(Number) },
    ]);
  });

  it('answers every refusal with HTTP 200 and Tencent codes', async () => {
    const codeOf = async (api: string, body: unknown, query: Record<string, string | undefined> = {}) => {
      const res = await post(api, body, query);
      expect(res.status).toBe(200);
      expect(res.body.ActionStatus).toBe('FAIL');
      return res.body.ErrorCode;
    };
    expect(await codeOf('del_contact_group', '{bad json')).toBe(60003);
    expect(await codeOf('del_contact_group', { From_Account: 'h-ann', GroupName: ['none'] })).toBe(51009);
    expect(await codeOf('create_contact_group', { From_Account: 'h-ann', GroupContactItem: [{ GroupName: 'x'.repeat(33) }] })).toBe(51011);
    expect(await codeOf('mark_contact', { From_Account: 'h-ann', MarkItem: [] })).toBe(51006);
    expect(await codeOf('search_contact_group', { From_Account: 'h-nobody', ContactItem: [{ Type: 1, To_Account: 'x' }] })).toBe(50001);
    expect(await codeOf('get_contact_group', { From_Account: 'h-ann', StartIndex: 0 }, { sdkappid: undefined })).toBe(60012);
  });
});
