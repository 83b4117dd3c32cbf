/**
 * Contact records: each user's entries for the users and chat groups they deal with. ONE record per
 * (owner, peer), shared by FeatAPI's contact list (docs/behaviour.md#contact-list-featapi) and Tencent's recent-contact list
 * (docs/behaviour.md#recent-contact-list-tencent-im, `get_list` / `delete` / `top`).
 *
 * Item (`ContactRecord` in `domain/contact.ts`):
 *
 *   pk USER#<owner>   sk CONTACT#U#<userId> | CONTACT#G#<groupId>        (keys.contact)
 *   type 'CONTACT', ownerId, kind 'user'|'group', peerId,
 *   id            FeatAPI contact id (number, from counter `featapi-contact`, never reused)
 *   unreadCount   number
 *   contactTime   ms of the latest activity (Tencent MsgTime = floor(contactTime / 1000))
 *   area          'inbox' | 'archive' (FeatAPI areas; Tencent lists both)
 *   hidden        true when removed from the lists (FeatAPI remove / Tencent delete)
 *   peer          the peer's card: PeerCard (user, kept fresh by the profile fan-out) or GroupCard
 *   groupStatus   group contacts only (300)
 *   createdAt     ms
 *   myEdge        user contacts: copy of my edge's status facts (EdgeFacts; absent: no edge)
 *   blockedByMe   user contacts: true while I block the peer
 *   gsi1pk        CONTACTS#<owner>#<area>                     (contactIndex.pk) — absent while hidden
 *   gsi1sk        <contactTime, 15 digits>#<U|G>#<peerId>      (contactIndex.sk) — kept while hidden (GSI2's sort key)
 *   gsi2pk        BLOCKEDCONTACTS#<owner>                     (blockedContactsIndex.pk) — exactly while I block the peer
 *   pinned        true while the conversation is pinned (Tencent `top`) and was when pinned: written with the
 *                 PINNED set in one transaction (`store/pinned.ts`); a record made after its pin stays unflagged
 *   gsi3pk        RECENT#<owner> | RECENTPIN#<owner> by `pinned` (recentContactsIndex.pkOf) — absent while hidden
 *
 * Rules every writer keeps:
 * - Records are never deleted: removal hides them (REMOVE gsi1pk; SET hidden), so a
 *   contact's id is stable for life and `exists` never turns false once read.
 * - `contactTime` and `gsi1sk` always change together (`contactTouchItems`).
 * - `gsi3pk` is set with `gsi1pk` (from `recentContactsIndex.pkOf`, conditioned on the `pinned` flag
 *   read) and removed with it; `store/pinned.ts` moves it between its two partitions with the pin.
 * - `myEdge`, `blockedByMe` and `gsi2pk` change only with the edge / blacklist entry they copy
 *   (`store/contact-relation.ts`).
 * - A user contact is created together with its reverse row `USER#<peer>/CONTACTEDBY#<owner>`
 *   (`keys.contactedBy`), so the peer's account deletion finds it (docs/account-deletion.md).
 *
 * Listing newest-first is one Query per area on GSI1 (`listContactPage`); a list over several
 * areas merges one Query per area (run in parallel). Tencent's pinned-first `get_list` queries GSI3
 * (`store/recent-contacts.ts`): the pinned partition and the unpinned one, both areas together.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactArea, ContactRecord, ContactRef, GroupCard } from '../domain/contact.js';
import type { PeerCard } from '../domain/user.js';
import { batchGet, getFrom } from './batch.js';
import { db, tableName } from './client.js';
import { getItem, queryAll, withoutKeys } from './items.js';
import { blockedContactsIndex, CONTACT_PREFIX, contactIndex, keys, recentContactsIndex, userPk, type Key } from './keys.js';
import {
  relationAfter,
  relationAttributes,
  relationChange,
  relationGuards,
  relationUpdateParts,
  type RelationSide,
} from './contact-relation.js';
import { GSI1, GSI2 } from './table-definition.js';
import { isConditionFailure, transactWrite, type TransactItem } from './transact.js';

type ContactItem = ContactRecord & Key & { type: 'CONTACT'; gsi1pk?: string; gsi1sk?: string; gsi2pk?: string; gsi3pk?: string };

export const contactKey = (ownerId: string, ref: ContactRef): Key => keys.contact(ownerId, ref.kind, ref.peerId);

/** Whether a paging cursor's text is a contact-list sort key (`contactSortKey`). */
export const isContactSortKey = (value: string) => contactIndex.isSk(value);

/** The GSI1 sort key a contact is listed under: the cursor position of paging. */
export const contactSortKey = (contact: Pick<ContactRecord, 'contactTime' | 'kind' | 'peerId'>) =>
  contactIndex.sk(contact.contactTime, contact.kind, contact.peerId);

const toRecord = (item: object) => withoutKeys<ContactRecord>(item);

/** One contact, hidden ones included (check `hidden`). */
export async function getContact(ownerId: string, ref: ContactRef, consistent = false): Promise<ContactRecord | undefined> {
  const item = await getItem<ContactItem>(contactKey(ownerId, ref), consistent);
  return item && toRecord(item);
}

/** A slot name for (owner, peer) in the maps returned here. */
export const contactSlot = (ownerId: string, ref: ContactRef) => `${ownerId}\u0000${ref.kind}\u0000${ref.peerId}`;

/** Many contacts (any owners) in one wave of BatchGetItem, keyed by `contactSlot`. Hidden ones included. */
export async function getContacts(
  wanted: ReadonlyArray<{ ownerId: string; ref: ContactRef }>,
  consistent = false,
): Promise<Map<string, ContactRecord>> {
  const found = await batchGet<ContactItem>(
    wanted.map(({ ownerId, ref }) => contactKey(ownerId, ref)),
    { consistent },
  );
  const out = new Map<string, ContactRecord>();
  for (const { ownerId, ref } of wanted) {
    const item = getFrom(found, contactKey(ownerId, ref));
    if (item) out.set(contactSlot(ownerId, ref), toRecord(item));
  }
  return out;
}

/** Every contact record of a user, hidden ones included: one Query per 1 MB page. */
export async function listAllContacts(ownerId: string): Promise<ContactRecord[]> {
  return (await queryAll<ContactItem>(userPk(ownerId), CONTACT_PREFIX)).map(toRecord);
}

/** A change to one contact, decided on what was read. */
export interface ContactTouch {
  ownerId: string;
  ref: ContactRef;
  /** The peer's current card (written on creation and with every activity). */
  peer: PeerCard | GroupCard;
  /** The record as read (undefined: none). A missing record is created, conditioned on still being missing. */
  current: ContactRecord | undefined;
  /** New activity at this time: `contactTime` moves here and a hidden contact is listed again. New records default to `now`. */
  activityAt?: number;
  /** Added to `unreadCount`. */
  addUnread?: number;
  groupStatus?: number;
  /**
   * User contacts: the relation write this touch is part of (`store/contact-relation.ts`). Its change
   * of the copied facts goes into the touch's own item; a created contact gets all the facts. Required
   * when a user contact may be created.
   */
  relation?: RelationSide;
}

/** How many of these touches create a contact (each takes one id from `allocateContactIds`). */
export const contactsCreated = (touches: readonly ContactTouch[]) => touches.filter((touch) => touch.current === undefined).length;

/**
 * Transaction items for contact touches. Missing records take the given fresh ids, in order
 * (`allocateContactIds`, before the transaction: a lost transaction only skips those ids), and are
 * created listed in the inbox; existing records get an UpdateItem conditioned on the area that was
 * read (it decides the GSI partition). An existing record with nothing to change yields no item. A
 * created user contact brings the checks that hold the relation facts it copies (`relationGuards`).
 */
export function contactTouchItems(touches: readonly ContactTouch[], now: number, ids: readonly number[]): TransactItem[] {
  if (ids.length < contactsCreated(touches)) throw new Error('Every contact created needs a fresh id (allocateContactIds).');
  const items: TransactItem[] = [];
  let next = 0;
  for (const touch of touches) {
    const key = contactKey(touch.ownerId, touch.ref);
    if (touch.current === undefined) {
      const contactTime = touch.activityAt ?? now;
      if (touch.ref.kind === 'user' && !touch.relation) throw new Error('A user contact is created only with its relation facts.');
      const item: ContactItem = {
        ...key,
        type: 'CONTACT',
        ownerId: touch.ownerId,
        kind: touch.ref.kind,
        peerId: touch.ref.peerId,
        id: ids[next++]!,
        unreadCount: touch.addUnread ?? 0,
        contactTime,
        area: 'inbox',
        peer: touch.peer,
        ...(touch.groupStatus !== undefined ? { groupStatus: touch.groupStatus } : {}),
        createdAt: now,
        gsi1pk: contactIndex.pk(touch.ownerId, 'inbox'),
        gsi1sk: contactIndex.sk(contactTime, touch.ref.kind, touch.ref.peerId),
        gsi3pk: recentContactsIndex.pkOf(touch.ownerId, {}),
        ...(touch.relation ? relationAttributes(touch.ownerId, relationAfter(touch.relation)) : {}),
      };
      items.push({ Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
      if (touch.ref.kind === 'user') items.push(contactedByPut(touch.ownerId, touch.ref.peerId));
      if (touch.relation) items.push(...relationGuards(touch.relation));
      continue;
    }
    const activity = touch.activityAt !== undefined;
    const relation = relationUpdateParts(touch.ownerId, touch.relation ? relationChange(touch.relation) : {});
    if (!activity && !touch.addUnread && touch.groupStatus === undefined && !relation.set.length && !relation.remove.length) continue;
    const set = ['peer = :peer', ...relation.set];
    const values: Record<string, unknown> = { ':peer': touch.peer, ':area': touch.current.area, ...relation.values };
    if (activity) {
      set.push('contactTime = :t', 'gsi1pk = :gpk', 'gsi1sk = :gsk', 'gsi3pk = :rpk');
      values[':t'] = touch.activityAt;
      values[':rpk'] = recentContactsIndex.pkOf(touch.ownerId, { pinned: touch.current.pinned });
      if (touch.current.pinned) values[':pinned'] = true;
      values[':gpk'] = contactIndex.pk(touch.ownerId, touch.current.area);
      values[':gsk'] = contactIndex.sk(touch.activityAt!, touch.ref.kind, touch.ref.peerId);
    }
    if (touch.groupStatus !== undefined) {
      set.push('groupStatus = :gs');
      values[':gs'] = touch.groupStatus;
    }
    let expression = `SET ${set.join(', ')}`;
    const remove = [...(activity ? ['#hidden'] : []), ...relation.remove];
    if (remove.length) expression += ` REMOVE ${remove.join(', ')}`;
    if (touch.addUnread) {
      expression += ' ADD unreadCount :n';
      values[':n'] = touch.addUnread;
    }
    items.push({
      Update: {
        TableName: tableName(),
        Key: key,
        UpdateExpression: expression,
        // the area and (when listing it) the pin flag decide the GSI partitions written
        ConditionExpression: `attribute_exists(pk) AND #area = :area${activity ? ` AND ${pinnedGuard(touch.current.pinned)}` : ''}`,
        ExpressionAttributeNames: { '#area': 'area', ...(activity ? { '#hidden': 'hidden', '#pinned': 'pinned' } : {}) },
        ExpressionAttributeValues: values,
      },
    });
  }
  return items;
}

/** Sets these contacts' unread counts to 0 in one transaction (each must exist). */
export async function clearUnread(ownerId: string, refs: readonly ContactRef[]): Promise<void> {
  await transactWrite(refs.map((ref) => clearUnreadItem(ownerId, ref)));
}

/** The reverse row of a user contact being created (unconditional: it holds nothing but the two ids). */
function contactedByPut(ownerId: string, peerId: string): TransactItem {
  return { Put: { TableName: tableName(), Item: { ...keys.contactedBy(peerId, ownerId), type: 'CONTACTEDBY', userId: peerId, ownerId } } };
}

function clearUnreadItem(ownerId: string, ref: ContactRef): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: contactKey(ownerId, ref),
      UpdateExpression: 'SET unreadCount = :zero',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':zero': 0 },
    },
  };
}

/** Condition that the contact's pin flag is as read (`#pinned` names `pinned`; `:pinned` is true when it was set). */
export const pinnedGuard = (pinnedAsRead: boolean | undefined) => (pinnedAsRead ? '#pinned = :pinned' : 'attribute_not_exists(#pinned)');

/**
 * The update that hides a listed contact (condition: it exists and is not hidden yet). With
 * `unpinned` (Tencent delete, which also unpins) the pin flag goes too, conditioned on it being as read.
 */
function hideUpdate(ownerId: string, ref: ContactRef, unpinned?: { pinnedAsRead: boolean }) {
  return {
    TableName: tableName(),
    Key: contactKey(ownerId, ref),
    UpdateExpression: `SET #hidden = :true, unreadCount = :zero REMOVE gsi1pk, gsi3pk${unpinned ? ', #pinned' : ''}`,
    ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(#hidden)${unpinned ? ` AND ${pinnedGuard(unpinned.pinnedAsRead)}` : ''}`,
    ExpressionAttributeNames: { '#hidden': 'hidden', ...(unpinned ? { '#pinned': 'pinned' } : {}) },
    ExpressionAttributeValues: { ':true': true, ':zero': 0, ...(unpinned?.pinnedAsRead ? { ':pinned': true } : {}) },
  };
}

/**
 * Removes a contact from the lists (FeatAPI remove, Tencent delete): hidden, unread cleared, id
 * kept. False when there is no listed contact.
 */
export async function hideContact(ownerId: string, ref: ContactRef): Promise<boolean> {
  return conditionalUpdate(hideUpdate(ownerId, ref));
}

/** `hideContact` as a transaction item, for a removal written together with other changes (`unpinned`: see `hideUpdate`). */
export function hideContactItem(ownerId: string, ref: ContactRef, unpinned?: { pinnedAsRead: boolean }): TransactItem {
  return { Update: hideUpdate(ownerId, ref, unpinned) };
}

/** Moves a listed contact to another FeatAPI area. False when there is no listed contact. */
export async function moveContact(ownerId: string, ref: ContactRef, area: ContactArea): Promise<boolean> {
  return conditionalUpdate({
    TableName: tableName(),
    Key: contactKey(ownerId, ref),
    UpdateExpression: 'SET #area = :area, gsi1pk = :gpk',
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#hidden)',
    ExpressionAttributeNames: { '#area': 'area', '#hidden': 'hidden' },
    ExpressionAttributeValues: { ':area': area, ':gpk': contactIndex.pk(ownerId, area) },
  });
}

export interface ContactPageOptions {
  /** Areas to list together (newest first across all of them). */
  areas: readonly ContactArea[];
  /** Page size. */
  limit: number;
  /** Next page: contacts listed after (older than) this sort key (`contactSortKey`). */
  after?: string;
  /** Previous page: contacts listed before (newer than) this sort key. */
  before?: string;
}

export interface ContactPage {
  /** Newest first. */
  items: ContactRecord[];
  /** More contacts lie beyond this page in the direction asked (older for `after`/first page, newer for `before`). */
  hasMore: boolean;
}

/**
 * One page of listed contacts, newest `contactTime` first: one GSI1 Query per area (in parallel),
 * each with `Limit` = page size + 1, merged. Eventually consistent (GSI).
 */
export async function listContactPage(ownerId: string, options: ContactPageOptions): Promise<ContactPage> {
  const backwards = options.before !== undefined;
  const bound = options.before ?? options.after;
  const pages = await Promise.all(
    options.areas.map(async (area) => {
      const out = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: GSI1.name,
          KeyConditionExpression: bound === undefined ? 'gsi1pk = :pk' : `gsi1pk = :pk AND gsi1sk ${backwards ? '>' : '<'} :bound`,
          ExpressionAttributeValues: { ':pk': contactIndex.pk(ownerId, area), ...(bound === undefined ? {} : { ':bound': bound }) },
          ScanIndexForward: backwards,
          Limit: options.limit + 1,
        }),
      );
      return (out.Items ?? []) as ContactItem[];
    }),
  );
  const merged = pages.flat().sort((a, b) => (a.gsi1sk! < b.gsi1sk! ? 1 : a.gsi1sk! > b.gsi1sk! ? -1 : 0));
  if (backwards) merged.reverse();
  const hasMore = merged.length > options.limit;
  const taken = merged.slice(0, options.limit);
  if (backwards) taken.reverse();
  return { items: taken.map(toRecord), hasMore };
}

/**
 * My contacts of the users I block (hidden ones included), newest `contactTime` first: GSI2, whose
 * partition a contact is in exactly while I block its peer. One Query per 1 MB page; eventually consistent.
 */
export async function listBlockedContacts(ownerId: string): Promise<ContactRecord[]> {
  const items: ContactItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: GSI2.name,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': blockedContactsIndex.pk(ownerId) },
        ScanIndexForward: false,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as ContactItem[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.map(toRecord);
}

async function conditionalUpdate(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
  try {
    await db().send(new UpdateCommand(input));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
