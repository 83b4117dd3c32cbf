import type { ContactRecord, ContactRef } from '../domain/contact.js';
import {
  AssistFlag,
  conversationSlot,
  cursorAfter,
  decidePins,
  decideUnpins,
  entriesAfter,
  GET_LIST_PAGE_SIZE,
  isStart,
  msgTimeOf,
  PINNED_MAX,
  refOfSlot,
  sessionItem,
  type ListCursor,
  type ListEntry,
  type SessionItem,
} from '../domain/recent-contacts.js';
import { UnknownUserError } from '../errors.js';
import { contactSlot, contactSortKey, getContacts } from '../store/contacts.js';
import { detachedOf, readPinState, savePins, saveUnpins, slotsOf } from '../store/pinned.js';
import {
  listedAtOrBefore,
  mergeNewestFirst,
  queryRecentContacts,
  readConversation,
  readListOwner,
  removeConversation,
} from '../store/recent-contacts.js';
import { withOptimisticRetry } from '../store/retry.js';
import { getUsers } from '../store/users.js';

/**
 * Tencent's recent-contact list (docs/behaviour.md#recent-contact-list-tencent-im): `get_list`, `delete`, `top`. The list is the user's
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

const entryOf = (contact: ContactRecord, pinned: boolean): SortedEntry => ({
  ref: { kind: contact.kind, peerId: contact.peerId },
  msgTime: msgTimeOf(contact.contactTime),
  pinned,
  sortKey: contactSortKey(contact),
});

/** A pinned conversation's entry: its listed contact, or (when empty ones are asked for) MsgTime 0. */
function pinnedEntryOf(ref: ContactRef, contact: ContactRecord | undefined, withEmpty: boolean): SortedEntry | undefined {
  if (contact && !contact.hidden) return entryOf(contact, true);
  return withEmpty ? { ref, msgTime: 0, pinned: true, sortKey: contactSortKey({ contactTime: 0, ...ref }) } : undefined;
}

const newestFirst = (a: { sortKey: string }, b: { sortKey: string }) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0);

/**
 * One page of the list: the pinned conversations first (MsgTime descending), then the others
 * (MsgTime descending), `GET_LIST_PAGE_SIZE` in all (pinned ones on top of that when the caller
 * does not page them, AssistFlags bit 2 unset). Without AssistFlags bit 0, one list by MsgTime.
 *
 * Reads, in ONE wave: a BatchGetItem of the user and the pinned set, a GSI3 Query of the pinned
 * partition (≤ 50; bounded by the cursor like the other when pins are not listed first) and one of
 * the unpinned partition bounded by the cursor and limited to the page plus what the cursor skips.
 * Only while the user has detached pins (pinned before their record existed) a second wave reads
 * those records by key, with the unpinned Query again allowing for them.
 */
export async function getRecentContactList(input: GetListInput, pageSize = GET_LIST_PAGE_SIZE): Promise<GetListResult> {
  const owner = input.fromAccount;
  const pinsFirst = (input.assistFlags & AssistFlag.Pinned) !== 0;
  const withEmpty = (input.assistFlags & AssistFlag.Empty) !== 0;
  const pagePinned = (input.assistFlags & AssistFlag.PinnedPaging) !== 0;
  const cursor = input.cursor;
  const after = isStart(cursor) ? undefined : listedAtOrBefore(cursor.time * 1000 + 999);
  const limit = cursor.index + pageSize;
  const bounded = (rows: number) => ({ limit: rows, ...(after ? { after } : {}) });

  const [{ userExists, pinnedItem }, pinnedRows, unpinnedRows] = await Promise.all([
    readListOwner(owner),
    queryRecentContacts(owner, true, pinsFirst ? {} : bounded(limit)),
    queryRecentContacts(owner, false, bounded(limit)),
  ]);
  if (!userExists) throw new UnknownUserError(owner);
  const pinnedSlots = slotsOf(pinnedItem);

  if (!pinsFirst) {
    // one list by time: both partitions merged, TopFlag from the set
    const merged = mergeNewestFirst([pinnedRows, unpinnedRows], limit);
    const ahead = entriesAfter(
      merged.items.map((contact) => entryOf(contact, pinnedSlots.has(conversationSlot(contact)))),
      cursor,
    );
    const page = ahead.slice(0, pageSize);
    const next = cursorAfter(cursor, page);
    return {
      SessionItem: page.map(sessionItem),
      CompleteFlag: ahead.length > pageSize || merged.hasMore ? 0 : 1,
      TimeStamp: next.time,
      StartIndex: next.index,
      TopTimeStamp: input.topCursor.time,
      TopStartIndex: input.topCursor.index,
    };
  }

  // a detached pin's record, if made since, sits unflagged in the unpinned partition
  const detachedRefs = [...detachedOf(pinnedItem)].map(refOfSlot);
  const [late, others] = detachedRefs.length
    ? await Promise.all([
        getContacts(detachedRefs.map((ref) => ({ ownerId: owner, ref }))),
        queryRecentContacts(owner, false, bounded(limit + detachedRefs.length)),
      ])
    : [new Map<string, ContactRecord>(), unpinnedRows];

  // pinned part: every pinned conversation, an empty one (no listed activity) at MsgTime 0
  const flagged = new Map(pinnedRows.items.map((contact) => [conversationSlot(contact), contact]));
  const pinned = [...pinnedSlots]
    .map((slot) => {
      const ref = refOfSlot(slot);
      return pinnedEntryOf(ref, flagged.get(slot) ?? late.get(contactSlot(owner, ref)), withEmpty);
    })
    .filter((entry) => entry !== undefined)
    .sort(newestFirst);
  const pinnedAhead = entriesAfter(pinned, input.topCursor);
  const pinnedPage = pagePinned ? pinnedAhead.slice(0, pageSize) : pinnedAhead;
  const room = pagePinned ? pageSize - pinnedPage.length : pageSize;

  // unpinned part: the Query is bounded to MsgTime ≤ cursor time; ties already returned are skipped
  const unpinned = others.items.filter((contact) => !pinnedSlots.has(conversationSlot(contact))).map((contact) => entryOf(contact, false));
  const unpinnedAhead = entriesAfter(unpinned, cursor);
  const unpinnedPage = unpinnedAhead.slice(0, room);
  const moreUnpinned = unpinnedAhead.length > room || others.hasMore;

  const next = cursorAfter(cursor, unpinnedPage);
  const nextTop = cursorAfter(input.topCursor, pinnedPage);
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
 * does) and unpins it (set and record flag), in one transaction. A conversation not in the list
 * and not pinned is already deleted: OK, nothing written.
 */
export async function deleteRecentContact(ownerId: string, ref: ContactRef): Promise<Record<string, never>> {
  await withOptimisticRetry(async () => {
    const read = await readConversation(ownerId, ref);
    if (!read.userExists) throw new UnknownUserError(ownerId);
    await removeConversation(ownerId, ref, read);
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
  await withOptimisticRetry(async () => {
    const state = await readPinState(ownerId, refs);
    if (pin) await savePins(ownerId, state, decidePins(state.pinned, refs, PINNED_MAX), PINNED_MAX);
    else await saveUnpins(ownerId, state, decideUnpins(state.pinned, refs));
  });
  return {};
}
