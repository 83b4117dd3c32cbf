/**
 * A user's pinned Tencent conversations (docs/behaviour.md#recent-contact-list-tencent-im `top`): ONE small item per user holding the whole
 * set, so the 50 limit is a condition on one item.
 *
 *   pk USER#<owner>   sk PINNED                                       (keys.pinnedConversations)
 *   type 'PINNED', ownerId,
 *   pinned     String Set of conversation slots `U#<userId>` / `G#<groupId>` (absent when none)
 *   detached   the pinned slots that had no contact record when they were pinned (absent when none)
 *
 * A conversation whose contact record exists when it is pinned is attached: the record gets
 * `pinned: true` and moves to GSI3's pinned partition (`recentContactsIndex`), in the same
 * transaction as the set, so `get_list` reads every pinned conversation with one Query. One pinned
 * before it has a record (Tencent allows that) is detached: only the set knows it, a record made
 * later is made unflagged, and `get_list` reads detached ones by key. Unpinning undoes either, in
 * one write. So: a record is flagged ⇔ its slot is in `pinned` and not in `detached`
 * (test/bench/invariants.ts checks it after the load run). A detached C2C pin has a reverse row
 * `USER#<peer>/PINNEDBY#<owner>` (`keys.pinnedBy`), written and deleted with the slot, so the
 * peer's account deletion finds it; an attached one is found through the owner's contact record.
 *
 * Every change reads the set and the records (consistent) and writes conditioned on what it read:
 * the set's size leaving room and the slots' membership, each record's flag and hidden state (which
 * decide its GSI3 partition). A lost condition re-reads and decides again.
 */
import type { ContactRecord, ContactRef } from '../domain/contact.js';
import { conversationSlot, refOfSlot } from '../domain/recent-contacts.js';
import { batchGet, getFrom } from './batch.js';
import { tableName } from './client.js';
import { contactKey, pinnedGuard } from './contacts.js';
import { getItem, withoutKeys } from './items.js';
import { keys, recentContactsIndex } from './keys.js';
import { writeAtomically, type TransactItem } from './transact.js';

export interface PinnedItem {
  pk: string;
  sk: string;
  type: 'PINNED';
  ownerId: string;
  pinned?: Set<string>;
  detached?: Set<string>;
}

/** The slots of a stored pinned item (none when it is missing). */
export const slotsOf = (item: PinnedItem | undefined): Set<string> => new Set(item?.pinned ?? []);

/** The pinned slots that had no contact record when pinned. */
export const detachedOf = (item: PinnedItem | undefined): Set<string> => new Set(item?.detached ?? []);

export async function getPinnedSlots(ownerId: string, consistent = false): Promise<Set<string>> {
  return slotsOf(await getItem<PinnedItem>(keys.pinnedConversations(ownerId), consistent));
}

/** What a pin change decides on: the set and the named conversations' records, read together (consistent). */
export interface PinState {
  pinned: Set<string>;
  detached: Set<string>;
  records: Map<string, ContactRecord>;
}

export async function readPinState(ownerId: string, refs: readonly ContactRef[]): Promise<PinState> {
  const wanted = [keys.pinnedConversations(ownerId), ...refs.map((ref) => contactKey(ownerId, ref))];
  const found = await batchGet<Record<string, unknown>>(wanted, { consistent: true });
  const item = getFrom(found, keys.pinnedConversations(ownerId)) as PinnedItem | undefined;
  const records = new Map<string, ContactRecord>();
  for (const ref of refs) {
    const record = getFrom(found, contactKey(ownerId, ref));
    if (record) records.set(conversationSlot(ref), withoutKeys<ContactRecord>(record));
  }
  return { pinned: slotsOf(item), detached: detachedOf(item), records };
}

/**
 * Sets or clears a record's pin flag, moving it between GSI3's two partitions when it is listed;
 * conditioned on the flag and the hidden state read (they decide the partition).
 */
export function contactPinItem(ownerId: string, ref: ContactRef, record: ContactRecord, pin: boolean): TransactItem {
  const partition = recentContactsIndex.pkOf(ownerId, { hidden: record.hidden, pinned: pin });
  const values: Record<string, unknown> = {
    ':pinned': true,
    ...(partition ? { ':rpk': partition } : {}),
    ...(record.hidden ? { ':true': true } : {}),
  };
  const update = pin
    ? `SET #pinned = :pinned${partition ? ', gsi3pk = :rpk' : ''}`
    : `REMOVE #pinned${partition ? ' SET gsi3pk = :rpk' : ''}`;
  return {
    Update: {
      TableName: tableName(),
      Key: contactKey(ownerId, ref),
      UpdateExpression: update,
      ConditionExpression: `attribute_exists(pk) AND ${pin ? pinnedGuard(false) : pinnedGuard(true)} AND ${
        record.hidden ? '#hidden = :true' : 'attribute_not_exists(#hidden)'
      }`,
      ExpressionAttributeNames: { '#pinned': 'pinned', '#hidden': 'hidden' },
      ExpressionAttributeValues: values,
    },
  };
}

/** Adds `:slots`-style values `:<prefix><i>` and one `<template>` condition per slot. */
function perSlot(slots: readonly string[], prefix: string, template: (name: string) => string, values: Record<string, unknown>): string[] {
  return slots.map((slot, i) => {
    values[`:${prefix}${i}`] = slot;
    return template(`:${prefix}${i}`);
  });
}

/**
 * The reverse rows of detached pins (`put`: being pinned; else being unpinned): one per C2C slot,
 * in the peer's partition.
 */
export function pinnedByItems(ownerId: string, detachedSlots: readonly string[], put: boolean): TransactItem[] {
  return detachedSlots
    .map(refOfSlot)
    .filter((ref) => ref.kind === 'user')
    .map((ref): TransactItem => {
      const key = keys.pinnedBy(ref.peerId, ownerId);
      return put
        ? { Put: { TableName: tableName(), Item: { ...key, type: 'PINNEDBY', userId: ref.peerId, ownerId } } }
        : { Delete: { TableName: tableName(), Key: key } };
    });
}

/**
 * Pins `fresh` conversations (not pinned when `state` was read), the set held to `max`.
 * Conversations with a record are attached (the record is flagged in the same transaction), the
 * others detached; with none to attach it is one conditional UpdateItem.
 */
export async function savePins(ownerId: string, state: PinState, fresh: readonly ContactRef[], max: number): Promise<void> {
  if (!fresh.length) return;
  const attached = fresh.filter((ref) => state.records.has(conversationSlot(ref)));
  const detached = fresh.filter((ref) => !state.records.has(conversationSlot(ref))).map(conversationSlot);
  const values: Record<string, unknown> = {
    ':fresh': new Set(fresh.map(conversationSlot)),
    ':room': max - fresh.length,
    ':type': 'PINNED',
    ':owner': ownerId,
  };
  if (detached.length) values[':detached'] = new Set(detached);
  const absent = perSlot(fresh.map(conversationSlot), 'f', (name) => `NOT contains(pinned, ${name})`, values);
  const setUpdate = {
    TableName: tableName(),
    Key: keys.pinnedConversations(ownerId),
    UpdateExpression: `ADD pinned :fresh${detached.length ? ', detached :detached' : ''} SET #type = :type, ownerId = :owner`,
    ConditionExpression: `(attribute_not_exists(pinned) OR size(pinned) <= :room) AND ${absent.join(' AND ')}`,
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: values,
  };
  await writeAtomically([
    { Update: setUpdate },
    ...attached.map((ref) => contactPinItem(ownerId, ref, state.records.get(conversationSlot(ref))!, true)),
    ...pinnedByItems(ownerId, detached, true),
  ]);
}

/**
 * Update of the pinned item that takes `slots` out, conditioned on each still being pinned and,
 * for those read as detached, still detached (a re-pin in between may have attached it).
 */
export function unpinItem(ownerId: string, slots: readonly string[], detached: ReadonlySet<string>): TransactItem {
  const values: Record<string, unknown> = { ':slots': new Set(slots) };
  const wereDetached = slots.filter((slot) => detached.has(slot));
  const conditions = [
    ...perSlot(slots, 'p', (name) => `contains(pinned, ${name})`, values),
    ...perSlot(wereDetached, 'd', (name) => `contains(detached, ${name})`, values),
  ];
  return {
    Update: {
      TableName: tableName(),
      Key: keys.pinnedConversations(ownerId),
      UpdateExpression: `DELETE pinned :slots${wereDetached.length ? ', detached :slots' : ''}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Unpins `gone` conversations (pinned when `state` was read; none: nothing written). Flagged
 * records are unflagged in the same transaction; with none it is one conditional UpdateItem.
 */
export async function saveUnpins(ownerId: string, state: PinState, gone: readonly ContactRef[]): Promise<void> {
  if (!gone.length) return;
  const setItem = unpinItem(ownerId, gone.map(conversationSlot), state.detached);
  const flagged = gone.filter((ref) => state.records.get(conversationSlot(ref))?.pinned === true);
  const wereDetached = gone.map(conversationSlot).filter((slot) => state.detached.has(slot));
  await writeAtomically([
    setItem,
    ...flagged.map((ref) => contactPinItem(ownerId, ref, state.records.get(conversationSlot(ref))!, false)),
    ...pinnedByItems(ownerId, wereDetached, false),
  ]);
}
