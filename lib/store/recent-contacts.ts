/**
 * Reads of Tencent's recent-contact list on GSI3 (`recentContactsIndex`): a user's listed contacts,
 * both FeatAPI areas in one partition, the pinned ones (flagged by `store/pinned.ts`) in another.
 * Newest first by `gsi1sk`, eventually consistent (GSI).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactRecord, ContactRef } from '../domain/contact.js';
import { conversationSlot } from '../domain/recent-contacts.js';
import { batchGet, getFrom } from './batch.js';
import { db, tableName } from './client.js';
import { contactKey, hideContactItem } from './contacts.js';
import { withoutKeys } from './items.js';
import { contactIndex, keys, recentContactsIndex } from './keys.js';
import { contactPinItem, detachedOf, pinnedByItems, slotsOf, unpinItem, type PinnedItem } from './pinned.js';
import { transactWrite } from './transact.js';
import { GSI3 } from './table-definition.js';

/** The `after` bound of a page of contacts listed at or before `ms` (ms since epoch). */
export const listedAtOrBefore = (ms: number) => contactIndex.timeBound(ms);

/** Whether the list's owner exists, and their pinned item: one BatchGetItem (eventually consistent). */
export async function readListOwner(ownerId: string): Promise<{ userExists: boolean; pinnedItem?: PinnedItem }> {
  const found = await batchGet<Record<string, unknown>>([keys.user(ownerId), keys.pinnedConversations(ownerId)]);
  const pinnedItem = getFrom(found, keys.pinnedConversations(ownerId)) as PinnedItem | undefined;
  return { userExists: getFrom(found, keys.user(ownerId)) !== undefined, pinnedItem };
}

/** What removing a conversation decides on: the owner, their record of it and their pinned item, read together. */
export interface ConversationRead {
  userExists: boolean;
  contact?: ContactRecord;
  pinnedItem?: PinnedItem;
}

/** `ConversationRead` of one conversation: one consistent BatchGetItem. */
export async function readConversation(ownerId: string, ref: ContactRef): Promise<ConversationRead> {
  const wanted = [keys.user(ownerId), contactKey(ownerId, ref), keys.pinnedConversations(ownerId)];
  const found = await batchGet<Record<string, unknown>>(wanted, { consistent: true });
  const item = getFrom(found, contactKey(ownerId, ref));
  return {
    userExists: getFrom(found, keys.user(ownerId)) !== undefined,
    contact: item && withoutKeys<ContactRecord>(item),
    pinnedItem: getFrom(found, keys.pinnedConversations(ownerId)) as PinnedItem | undefined,
  };
}

/**
 * Removes a conversation from the list over what was read, in one transaction: a listed record is
 * hidden (and unflagged), a hidden one still flagged is unflagged, and the conversation leaves the
 * pinned set. Nothing to do: nothing written.
 */
export async function removeConversation(ownerId: string, ref: ContactRef, read: ConversationRead): Promise<void> {
  const { contact, pinnedItem } = read;
  const slot = conversationSlot(ref);
  const pinned = slotsOf(pinnedItem).has(slot);
  const contactItems = !contact
    ? []
    : !contact.hidden
      ? [hideContactItem(ownerId, ref, { pinnedAsRead: contact.pinned === true })]
      : contact.pinned
        ? [contactPinItem(ownerId, ref, contact, false)]
        : [];
  const detached = detachedOf(pinnedItem);
  const unpin = pinned ? [unpinItem(ownerId, [slot], detached), ...pinnedByItems(ownerId, detached.has(slot) ? [slot] : [], false)] : [];
  await transactWrite([...contactItems, ...unpin]);
}

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
