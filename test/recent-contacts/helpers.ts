import { recentContactRoutes } from '../../lib/routes/recent-contacts.js';
import { callTim } from '../support/tim.js';

export const R = recentContactRoutes;

/** Every AssistFlags bit Tencent's docs describe: pinned first, empty conversations, pinned paging. */
export const ALL_FLAGS = 7;

export interface Session {
  Type: 1 | 2;
  To_Account?: string;
  GroupId?: string;
  MsgTime: number;
  TopFlag: 0 | 1;
}

export interface ListPage {
  SessionItem: Session[];
  CompleteFlag: 0 | 1;
  TimeStamp: number;
  StartIndex: number;
  TopTimeStamp: number;
  TopStartIndex: number;
  ActionStatus: string;
  ErrorCode: number;
}

export const FIRST = { TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0 };
export type Cursor = typeof FIRST;

export const cursorOf = (page: ListPage): Cursor => ({
  TimeStamp: page.TimeStamp,
  StartIndex: page.StartIndex,
  TopTimeStamp: page.TopTimeStamp,
  TopStartIndex: page.TopStartIndex,
});

/** One get_list call, signed with Tencent's own usersig. */
export async function getList(from: string, cursor: Cursor = FIRST, assistFlags = ALL_FLAGS): Promise<ListPage> {
  const out = await callTim<ListPage>(R.getList, { From_Account: from, ...cursor, AssistFlags: assistFlags });
  if (out.body.ActionStatus !== 'OK') throw new Error(`get_list failed: ${JSON.stringify(out.body)}`);
  return out.body;
}

/** Every page until CompleteFlag 1. */
export async function getAllPages(from: string, assistFlags = ALL_FLAGS): Promise<ListPage[]> {
  const pages: ListPage[] = [];
  let cursor = FIRST;
  for (;;) {
    const page = await getList(from, cursor, assistFlags);
    pages.push(page);
    if (page.CompleteFlag === 1) return pages;
    if (pages.length > 50) throw new Error('get_list never completed');
    cursor = cursorOf(page);
  }
}

/** A session's conversation as text: `U:<account>` or `G:<groupId>`. */
export const nameOf = (session: Session) => (session.Type === 1 ? `U:${session.To_Account}` : `G:${session.GroupId}`);

export const c2c = (account: string) => ({ Type: 1, To_Account: account });
export const group = (groupId: string | number) => ({ Type: 2, GroupId: String(groupId) });

export async function top(from: string, operation: 1 | 2, items: unknown[]) {
  return callTim(R.top, { From_Account: from, OperationType: operation, RecentContactItem: items });
}
