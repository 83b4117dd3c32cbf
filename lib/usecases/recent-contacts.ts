import { CONTACT_AREAS, type ContactRecord, type ContactRef } from '../domain/contact.js';
import {
  AssistFlag, conversationSlot, cursorAfter, entriesAfter, GET_LIST_PAGE_SIZE, isStart, msgTimeOf, PINNED_MAX, refOfSlot,
  sessionItem, type ListCursor, type ListEntry, type SessionItem,
} from '../domain/recent-contacts.js';
import { UnknownUserError } from '../errors.js';
import { batchGet, getFrom } from '../store/batch.js';
import { contactKey, contactSlot, contactSortKey, getContacts, hideContactItem, listContactPage } from '../store/contacts.js';
import { withoutKeys } from '../store/items.js';
import { contactIndex, keys } from '../store/keys.js';
import { pinConversations, slotsOf, unpinConversations, unpinItem, type PinnedItem } from '../store/pinned.js';
import { transactWrite, withOptimisticRetry } from '../store/transact.js';
import { getUsers } from '../store/users.js';

/**
 * Tencent's recent-contact list (SPEC §7): `get_list`, `delete`, `top`. The list is the user's
 * contact records (the same ones FeatAPI lists, both areas); which are pinned is the one pinned
 * item of `store/pinned.ts`.
 */

export interface GetListInput {
  fromAccount: string;
  cursor: ListCursor;
  topCursor: ListCursor;
  assistFlags: number;
}

export interface GetListResult {
  SessionItem: SessionItem[];
  CompleteFlag: 0 | 1;
  TimeStamp: number;
  StartIndex: number;
  TopTimeStamp: number;
  TopStartIndex: number;
}

type SortedEntry = ListEntry & { sortKey: string };

const entryOf = (contact: ContactRecord, pinned: boolean): SortedEntry =>
  ({ ref: { kind: contact.kind, peerId: contact.peerId }, msgTime: msgTimeOf(contact.contactTime), pinned, sortKey: contactSortKey(contact) });

/** A pinned conversation's entry: its listed contact, or (when empty ones are asked for) MsgTime 0. */
function pinnedEntryOf(ref: ContactRef, contact: ContactRecord | undefined, withEmpty: boolean): SortedEntry | undefined {
  if (contact && !contact.hidden) return entryOf(contact, true);
  return withEmpty ? { ref, msgTime: 0, pinned: true, sortKey: contactSortKey({ contactTime: 0, ...ref }) } : undefined;
}

const newestFirst = (a: { sortKey: string }, b: { sortKey: string }) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0);

/**
 * One page of the list: the pinned conversations first (MsgTime descending), then the others
 * (MsgTime descending), `GET_LIST_PAGE_SIZE` in all (pinned ones on top of that when the caller
 * does not page them, AssistFlags bit 2 unset).
 *
 * Reads: one BatchGetItem (the user, the pinned item), then in parallel one BatchGetItem of the
 * pinned contacts (≤ 50) and one GSI1 Query per area for the unpinned part, bounded by the cursor
 * and limited to the page plus what the cursor skips plus the pinned ones it may meet.
 */
export async function getRecentContactList(input: GetListInput, pageSize = GET_LIST_PAGE_SIZE): Promise<GetListResult> {
  const owner = input.fromAccount;
  const found = await batchGet<Record<string, unknown>>([keys.user(owner), keys.pinnedConversations(owner)]);
  if (!getFrom(found, keys.user(owner))) throw new UnknownUserError(owner);
  const pinnedSlots = slotsOf(getFrom(found, keys.pinnedConversations(owner)) as PinnedItem | undefined);

  const pinsFirst = (input.assistFlags & AssistFlag.Pinned) !== 0;
  const withEmpty = (input.assistFlags & AssistFlag.Empty) !== 0;
  const pagePinned = (input.assistFlags & AssistFlag.PinnedPaging) !== 0;
  const pinnedRefs = pinsFirst ? [...pinnedSlots].map(refOfSlot) : [];
  const cursor = input.cursor;
  const bound = isStart(cursor) ? undefined : contactIndex.timeBound(cursor.time * 1000 + 999);

  const [pinnedContacts, others] = await Promise.all([
    pinnedRefs.length ? getContacts(pinnedRefs.map((ref) => ({ ownerId: owner, ref }))) : Promise.resolve(new Map<string, ContactRecord>()),
    listContactPage(owner, { areas: CONTACT_AREAS, limit: cursor.index + pinnedRefs.length + pageSize, ...(bound ? { after: bound } : {}) }),
  ]);

  // pinned part: every pinned conversation, an empty one (no listed activity) at MsgTime 0
  const pinned = pinnedRefs
    .map((ref) => pinnedEntryOf(ref, pinnedContacts.get(contactSlot(owner, ref)), withEmpty))
    .filter((entry) => entry !== undefined)
    .sort(newestFirst);
  const pinnedAhead = entriesAfter(pinned, input.topCursor);
  const pinnedPage = pagePinned ? pinnedAhead.slice(0, pageSize) : pinnedAhead;
  const room = pagePinned ? pageSize - pinnedPage.length : pageSize;

  // unpinned part: the Query is bounded to MsgTime ≤ cursor time; ties already returned are skipped
  const excluded = new Set(pinnedRefs.map(conversationSlot));
  const unpinned = others.items
    .filter((contact) => !excluded.has(conversationSlot(contact)))
    .map((contact) => entryOf(contact, pinnedSlots.has(conversationSlot(contact))));
  const unpinnedAhead = entriesAfter(unpinned, cursor);
  const unpinnedPage = unpinnedAhead.slice(0, room);
  const moreUnpinned = unpinnedAhead.length > room || others.hasMore;

  const next = cursorAfter(cursor, unpinnedPage);
  const nextTop = pinsFirst ? cursorAfter(input.topCursor, pinnedPage) : input.topCursor;
  return {
    SessionItem: [...pinnedPage, ...unpinnedPage].map(sessionItem),
    CompleteFlag: pinnedAhead.length > pinnedPage.length || moreUnpinned ? 0 : 1,
    TimeStamp: next.time,
    StartIndex: next.index,
    TopTimeStamp: nextTop.time,
    TopStartIndex: nextTop.index,
  };
}

/**
 * `delete`: removes one conversation from the list (the contact is hidden, as FeatAPI's remove
 * does) and unpins it, in one transaction. A conversation not in the list is already deleted: OK.
 */
export async function deleteRecentContact(ownerId: string, ref: ContactRef): Promise<Record<string, never>> {
  const slot = conversationSlot(ref);
  await withOptimisticRetry(async () => {
    const found = await batchGet<Record<string, unknown>>([keys.user(ownerId), contactKey(ownerId, ref), keys.pinnedConversations(ownerId)], { consistent: true });
    if (!getFrom(found, keys.user(ownerId))) throw new UnknownUserError(ownerId);
    const item = getFrom(found, contactKey(ownerId, ref));
    const contact = item && withoutKeys<ContactRecord>(item);
    const pinned = slotsOf(getFrom(found, keys.pinnedConversations(ownerId)) as PinnedItem | undefined).has(slot);
    await transactWrite([
      ...(contact && !contact.hidden ? [hideContactItem(ownerId, ref)] : []),
      ...(pinned ? [unpinItem(ownerId, slot)] : []),
    ]);
  });
  return {};
}

/**
 * `top`: pins (OperationType 1) or unpins (2) conversations. The account and the C2C peers of a
 * pin must exist (50001); a conversation may be pinned before it has any activity. More than
 * `PINNED_MAX` pinned: 51012, nothing written.
 */
export async function setRecentContactsPinned(ownerId: string, refs: readonly ContactRef[], pin: boolean): Promise<Record<string, never>> {
  const accounts = [ownerId, ...(pin ? refs.filter((ref) => ref.kind === 'user').map((ref) => ref.peerId) : [])];
  const users = await getUsers([...new Set(accounts)]);
  const unknown = accounts.find((id) => !users.has(id));
  if (unknown !== undefined) throw new UnknownUserError(unknown);
  const slots = refs.map(conversationSlot);
  if (pin) await pinConversations(ownerId, slots, PINNED_MAX);
  else await unpinConversations(ownerId, slots);
  return {};
}
