/**
 * Reads of Tencent's recent-contact list on GSI3 (`recentContactsIndex`): a user's listed contacts,
 * both FeatAPI areas in one partition, the pinned ones (flagged by `store/pinned.ts`) in another.
 * Newest first by `gsi1sk`, eventually consistent (GSI).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactRecord } from '../domain/contact.js';
import { db, tableName } from './client.js';
import { withoutKeys } from './items.js';
import { recentContactsIndex } from './keys.js';
import { GSI3 } from './table-definition.js';

export interface RecentPageOptions {
  /** At most this many (one more is read, to tell whether more lie beyond); none: the whole partition. */
  limit?: number;
  /** Only contacts listed after (older than) this sort key (`contactSortKey` / `contactIndex.timeBound`). */
  after?: string;
}

export interface RecentPage {
  /** Newest first, with their sort keys. */
  items: Array<ContactRecord & { gsi1sk: string }>;
  /** More contacts lie beyond `limit`. */
  hasMore: boolean;
}

/** One GSI3 Query of the pinned or the unpinned partition (the pinned one holds ≤ 50: one page). */
export async function queryRecentContacts(ownerId: string, pinned: boolean, options: RecentPageOptions = {}): Promise<RecentPage> {
  const { limit, after } = options;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: GSI3.name,
      KeyConditionExpression: after === undefined ? 'gsi3pk = :pk' : 'gsi3pk = :pk AND gsi1sk < :after',
      ExpressionAttributeValues: { ':pk': recentContactsIndex.pk(ownerId, pinned), ...(after === undefined ? {} : { ':after': after }) },
      ScanIndexForward: false,
      ...(limit === undefined ? {} : { Limit: limit + 1 }),
    }),
  );
  const items = (out.Items ?? []).map((item) => ({ ...withoutKeys<ContactRecord>(item), gsi1sk: item.gsi1sk as string }));
  return limit === undefined ? { items, hasMore: false } : { items: items.slice(0, limit), hasMore: items.length > limit };
}

/**
 * Newest first across pages each read with the same `limit` (+1): the first `limit` of the merge
 * are exact, since each page holds its own first `limit` + 1.
 */
export function mergeNewestFirst(pages: readonly RecentPage[], limit: number): RecentPage {
  const merged = pages.flatMap((page) => page.items).sort((a, b) => (a.gsi1sk < b.gsi1sk ? 1 : a.gsi1sk > b.gsi1sk ? -1 : 0));
  return { items: merged.slice(0, limit), hasMore: merged.length > limit || pages.some((page) => page.hasMore) };
}
