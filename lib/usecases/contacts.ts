import {
  CONTACT_AREAS,
  featContactView,
  type ContactArea,
  type ContactRecord,
  type ContactRef,
  type FeatContactView,
} from '../domain/contact.js';
import { FeatStatus, featStatusOf } from '../domain/relation.js';
import { InvalidCursorError, NotFoundError } from '../errors.js';
import {
  clearUnread,
  contactSlot,
  contactSortKey,
  getContact,
  getContacts,
  hideContact,
  isContactSortKey,
  listBlockedContacts,
  listContactPage,
  moveContact,
} from '../store/contacts.js';
import { withOptimisticRetry } from '../store/retry.js';

/**
 * FeatAPI contact-list use cases (docs/behaviour.md#contact-list-featapi). A user contact's `status` is derived from the
 * relation (edges + blacklist, `domain/relation.ts`); a group contact's is stored on it.
 */

/**
 * A contact as FeatAPI shows it: a user contact's status from the relation facts it keeps a copy of
 * (`store/contact-relation.ts`), a group contact's as stored.
 */
function viewOf(contact: ContactRecord, now: number): FeatContactView {
  if (contact.kind === 'group') return featContactView(contact, contact.groupStatus ?? FeatStatus.Created);
  return featContactView(contact, featStatusOf(contact.myEdge, contact.blockedByMe === true, now));
}

/** One contact with its status: one GetItem. `withHidden`: also a contact removed from the lists. */
async function readView(meId: string, ref: ContactRef, now: number, options: { consistent?: boolean; withHidden?: boolean } = {}) {
  const contact = await getContact(meId, ref, options.consistent ?? false);
  if (!contact || (contact.hidden && !options.withHidden)) return undefined;
  return viewOf(contact, now);
}

/** GET get_contact: 404 when I have no such (listed) contact. */
export async function getFeatContact(meId: string, ref: ContactRef, now: number): Promise<FeatContactView> {
  const view = await readView(meId, ref, now);
  if (!view) throw new NotFoundError('No such contact.');
  return view;
}

/** The caller's contact after a change (consistent; removed ones included); null if none exists. */
export async function currentFeatContact(meId: string, ref: ContactRef, now: number): Promise<FeatContactView | null> {
  return (await readView(meId, ref, now, { consistent: true, withHidden: true })) ?? null;
}

export type AreaChoice = ContactArea | 'all';

export interface ContactListQuery {
  area: AreaChoice;
  pageSize: number;
  cursor?: string;
}

/** Django REST Framework's CursorPagination shape. */
export interface CursorPage<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}

type Cursor = { after: string } | { before: string };

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>;
    const keysOf = Object.keys(value);
    if (keysOf.length === 1 && (keysOf[0] === 'after' || keysOf[0] === 'before')) {
      const sk = value[keysOf[0]];
      if (typeof sk === 'string' && isContactSortKey(sk)) return keysOf[0] === 'after' ? { after: sk } : { before: sk };
    }
  } catch {
    // falls through
  }
  throw new InvalidCursorError();
}

export const CONTACT_LIST_PATH = '/api/party/contact-list';

function pageLink(query: ContactListQuery, cursor: Cursor): string {
  const params = new URLSearchParams({ area: query.area, page_size: String(query.pageSize), cursor: encodeCursor(cursor) });
  return `${CONTACT_LIST_PATH}/?${params.toString()}`;
}

/**
 * The contact list of one area (or both), newest `contact_time` first, in DRF cursor pages: one
 * GSI1 Query per area for the page (in parallel); statuses come from the contacts themselves.
 */
export async function listFeatContacts(meId: string, query: ContactListQuery, now: number): Promise<CursorPage<FeatContactView>> {
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const areas = query.area === 'all' ? CONTACT_AREAS : [query.area];
  const page = await listContactPage(meId, { areas, limit: query.pageSize, ...cursor });
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  let next: Cursor | undefined;
  let previous: Cursor | undefined;
  if (cursor && 'before' in cursor) {
    if (page.hasMore && first) previous = { before: contactSortKey(first) };
    if (last) next = { after: contactSortKey(last) };
  } else {
    if (page.hasMore && last) next = { after: contactSortKey(last) };
    if (cursor && first) previous = { before: contactSortKey(first) };
  }
  return {
    next: next ? pageLink(query, next) : null,
    previous: previous ? pageLink(query, previous) : null,
    results: page.items.map((contact) => viewOf(contact, now)),
  };
}

/** Removes a contact from my lists (the relation, if any, is untouched). */
export async function removeFeatContact(meId: string, ref: ContactRef): Promise<{ detail: string; is_success: true }> {
  if (!(await hideContact(meId, ref))) throw new NotFoundError('No such contact.');
  return { detail: 'Contact removed', is_success: true };
}

/** Moves a contact between the Inbox and the Archive. */
export async function moveFeatContact(meId: string, ref: ContactRef, area: ContactArea): Promise<{ detail: string; is_success: true }> {
  if (!(await moveContact(meId, ref, area))) throw new NotFoundError('No such contact.');
  return { detail: `Contact moved to ${area}`, is_success: true };
}

/**
 * GET black_list: my contacts (hidden ones included) of the users on my blacklist (SealTalk's and
 * FeatAPI's are the same entries), status 600, newest `contact_time` first: one GSI2 Query per 1 MB page.
 */
export async function featBlackList(meId: string, now: number): Promise<FeatContactView[]> {
  return (await listBlockedContacts(meId)).map((contact) => viewOf(contact, now));
}

/**
 * POST message/mark_read: my contacts of these users and groups get `unread_count` 0, in one
 * transaction (contacts I do not have are skipped). One BatchGetItem, one TransactWriteItems.
 */
export async function markRead(meId: string, given: readonly ContactRef[]): Promise<{ detail: string; is_success: true }> {
  const refs = [...new Map(given.map((ref) => [contactSlot(meId, ref), ref])).values()];
  await withOptimisticRetry(async () => {
    const contacts = await getContacts(
      refs.map((ref) => ({ ownerId: meId, ref })),
      true,
    );
    const unread = refs.filter((ref) => (contacts.get(contactSlot(meId, ref))?.unreadCount ?? 0) > 0);
    await clearUnread(meId, unread);
  });
  return { detail: 'Messages mark as read', is_success: true };
}
