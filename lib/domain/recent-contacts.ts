import { ConversationRuleError } from '../errors.js';
import type { ContactRef } from './contact.js';

/**
 * Tencent's recent-contact list (docs/behaviour.md#recent-contact-list-tencent-im) as pure rules: conversation slots, MsgTime, and the
 * `TimeStamp`/`StartIndex` cursor (`TopTimeStamp`/`TopStartIndex` for the pinned part).
 *
 * A cursor names a position in a list ordered by MsgTime descending: "after the first `index`
 * conversations whose MsgTime is `time`" (and after every newer one). MsgTime has one-second
 * resolution, so `index` tells apart conversations of the same second. (0, 0) is the start: a
 * cursor made after returning a conversation always has index ≥ 1.
 */

/** Tencent's limit on pinned conversations per user (51012 beyond it). */
export const PINNED_MAX = 50;

/** Conversations per `get_list` page (Tencent's docs give no size; its SDK pages at most 100). */
export const GET_LIST_PAGE_SIZE = 100;

/** `AssistFlags` bits (Tencent: bit 0 pinned conversations, bit 1 empty conversations, bit 2 pinned paging). */
export const AssistFlag = { Pinned: 1, Empty: 2, PinnedPaging: 4 } as const;

export interface ListCursor {
  /** MsgTime (s) of the last conversation returned; 0 at the start. */
  time: number;
  /** How many conversations of MsgTime `time` were returned so far. */
  index: number;
}

export const START: ListCursor = { time: 0, index: 0 };
export const isStart = (cursor: ListCursor) => cursor.time === 0 && cursor.index === 0;

/** Tencent's MsgTime: seconds of the contact's latest activity. */
export const msgTimeOf = (contactTime: number) => Math.floor(contactTime / 1000);

/** A conversation's slot in the pinned set: `U#<userId>` or `G#<groupId>`. */
export const conversationSlot = (ref: ContactRef) => `${ref.kind === 'user' ? 'U' : 'G'}#${ref.peerId}`;

export function refOfSlot(slot: string): ContactRef {
  return { kind: slot.startsWith('U#') ? 'user' : 'group', peerId: slot.slice(2) };
}

/** One row of the list before it is rendered: where it sorts and what it shows. */
export interface ListEntry {
  ref: ContactRef;
  msgTime: number;
  pinned: boolean;
}

/**
 * The entries of an ordered list (MsgTime descending) that lie after `cursor`: newer seconds are
 * dropped, then the first `cursor.index` entries of second `cursor.time`.
 */
export function entriesAfter<T extends { msgTime: number }>(ordered: readonly T[], cursor: ListCursor): T[] {
  if (isStart(cursor)) return [...ordered];
  let skipped = 0;
  return ordered.filter((entry) => {
    if (entry.msgTime > cursor.time) return false;
    if (entry.msgTime === cursor.time && skipped < cursor.index) {
      skipped++;
      return false;
    }
    return true;
  });
}

/** The cursor after returning `page` (ordered) from position `cursor`; unchanged when nothing was returned. */
export function cursorAfter(cursor: ListCursor, page: readonly { msgTime: number }[]): ListCursor {
  const last = page[page.length - 1];
  if (!last) return cursor;
  const ties = page.filter((entry) => entry.msgTime === last.msgTime).length;
  const carried = !isStart(cursor) && cursor.time === last.msgTime ? cursor.index : 0;
  return { time: last.msgTime, index: carried + ties };
}

/** Tencent's `SessionItem`, field for field. */
export type SessionItem =
  { Type: 1; To_Account: string; MsgTime: number; TopFlag: 0 | 1 } | { Type: 2; GroupId: string; MsgTime: number; TopFlag: 0 | 1 };

export function sessionItem(entry: ListEntry): SessionItem {
  const TopFlag = entry.pinned ? 1 : 0;
  return entry.ref.kind === 'user'
    ? { Type: 1, To_Account: entry.ref.peerId, MsgTime: entry.msgTime, TopFlag }
    : { Type: 2, GroupId: entry.ref.peerId, MsgTime: entry.msgTime, TopFlag };
}

const uniqueRefs = (refs: readonly ContactRef[]) => [...new Map(refs.map((ref) => [conversationSlot(ref), ref])).values()];

/**
 * `top` pin: the conversations to add to the pinned set (those pinned already stay as they are).
 * More than `max` pinned in all: 51012, nothing pinned.
 */
export function decidePins(pinned: ReadonlySet<string>, refs: readonly ContactRef[], max: number): ContactRef[] {
  const fresh = uniqueRefs(refs).filter((ref) => !pinned.has(conversationSlot(ref)));
  if (fresh.length && pinned.size + fresh.length > max) {
    throw new ConversationRuleError(51012, `At most ${max} conversations can be pinned; ${pinned.size} are pinned already.`);
  }
  return fresh;
}

/** `top` unpin: the conversations to take out of the pinned set (those not pinned are skipped). */
export const decideUnpins = (pinned: ReadonlySet<string>, refs: readonly ContactRef[]): ContactRef[] =>
  uniqueRefs(refs).filter((ref) => pinned.has(conversationSlot(ref)));
