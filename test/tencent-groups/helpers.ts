import { expect } from 'vitest';
import { conversationGroupRoutes } from '../../lib/routes/conversation-groups.js';
import { userRoutes } from '../../lib/routes/user.js';
import { call, type CallResult } from '../support/call.js';
import { callTim } from '../support/tim.js';

/** Tencent conversation marks and groups: the routes, and calls as the app admin. */
export const G = conversationGroupRoutes;

/** Makes accounts exist (a user's first authenticated call creates the user record). */
export async function accounts(...ids: string[]): Promise<void> {
  for (const id of ids) expect((await call(userRoutes.getPrivacy, { as: id })).status).toBe(200);
}

export const c2c = (account: string) => ({ Type: 1 as const, To_Account: account });
export const group = (groupId: string) => ({ Type: 2 as const, ToGroupId: groupId });

/** Asserts Tencent's success envelope and returns the body. */
export function ok<T = any>(result: CallResult<T>): T {
  expect(result.status).toBe(200);
  expect(result.body).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
  return result.body;
}

/** Asserts Tencent's failure envelope with `code` (HTTP 200 always). */
export function fails(result: CallResult, code: number): void {
  expect(result.status).toBe(200);
  expect(result.body).toEqual({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: expect.any(String), ErrorDisplay: '' });
  expect(result.body.ErrorInfo).not.toBe('');
}

export const mark = (from: string, items: unknown[]) => callTim(G.markContact, { From_Account: from, MarkItem: items });

export const createGroup = (from: string, name: string, contacts: unknown[] = []) =>
  callTim(G.createContactGroup, { From_Account: from, GroupContactItem: [{ GroupName: name, ContactItem: contacts }] });

export const renameGroup = (from: string, oldName: string, newName: string) =>
  callTim(G.updateContactGroup, {
    From_Account: from,
    UpdateType: 1,
    UpdateGroup: { UpdateGroupType: 1, OldGroupName: oldName, NewGroupName: newName },
  });

export const changeMembers = (from: string, name: string, changes: Array<{ ContactOptType: 1 | 2; ContactItem: unknown }>) =>
  callTim(G.updateContactGroup, {
    From_Account: from,
    UpdateType: 1,
    UpdateGroup: { UpdateGroupType: 2, OldGroupName: name, ContactUpdateItem: changes },
  });

export const addTo = (from: string, name: string, contacts: unknown[]) =>
  changeMembers(
    from,
    name,
    contacts.map((ContactItem) => ({ ContactOptType: 1, ContactItem })),
  );

export const deleteGroup = (from: string, name: string) => callTim(G.delContactGroup, { From_Account: from, GroupName: [name] });

export const getPage = (from: string, startIndex = 0) => callTim(G.getContactGroup, { From_Account: from, StartIndex: startIndex });

export const search = (from: string, contacts: unknown[]) => callTim(G.searchContactGroup, { From_Account: from, ContactItem: contacts });

/** Every conversation of a user, following get_contact_group's pages. */
export async function allConversations(from: string): Promise<{ items: any[]; groups: any[]; pages: number }> {
  const items: any[] = [];
  let groups: any[] = [];
  let start = 0;
  for (let pages = 1; ; pages++) {
    const page = ok(await getPage(from, start));
    items.push(...page.ContactItem);
    groups = page.GroupItem;
    if (page.CompleteFlag === 1) return { items, groups, pages };
    start = page.NextStartIndex;
  }
}

/** `n` distinct C2C conversations: `<prefix>0`, `<prefix>1`, … */
export const peers = (prefix: string, n: number, from = 0) => Array.from({ length: n }, (_, i) => c2c(`${prefix}${from + i}`));
