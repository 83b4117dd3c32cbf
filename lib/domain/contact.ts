import type { EdgeFacts } from './friendship.js';
import type { PeerCard } from './user.js';

/**
 * The per-user contact record (docs/behaviour.md#contact-list-featapi, #recent-contact-list-tencent-im): one user's entry
 * for another user or for a chat group,
 * shared by FeatAPI's contact list and Tencent's recent-contact list. Plain data and pure views only.
 */
export type ContactKind = 'user' | 'group';

/** FeatAPI's two areas of the contact list. */
export const CONTACT_AREAS = ['inbox', 'archive'] as const;
export type ContactArea = (typeof CONTACT_AREAS)[number];

/** Which peer a contact is about: a user id, or a chat group id (decimal string). */
export interface ContactRef {
  kind: ContactKind;
  peerId: string;
}

/** A chat group as FeatAPI shows it; kept on group contacts as their `peer`. */
export interface GroupCard {
  id: number;
  name: string;
  creator: string;
  creatorFullname: string;
  /** ms since epoch. */
  createTime: number;
  status: number;
  isValid: boolean;
  bundleId: string | null;
}

export interface ContactRecord {
  ownerId: string;
  kind: ContactKind;
  peerId: string;
  /** FeatAPI contact id: positive, allocated once from a counter, never reused. */
  id: number;
  unreadCount: number;
  /** ms since epoch of the latest activity (Tencent's MsgTime is this in seconds). */
  contactTime: number;
  area: ContactArea;
  /** Removed from the lists (FeatAPI remove, Tencent delete): the record and its id stay; new activity lists it again. */
  hidden?: boolean;
  /** Pinned in Tencent's list (`top`) while its record existed: moves it to its own GSI3 partition (`store/pinned.ts`). */
  pinned?: boolean;
  /** The peer's card: the user's (kept fresh by the profile fan-out) or the group's. */
  peer: PeerCard | GroupCard;
  /** Group contacts only: the member's FeatAPI status in the group (300). User contacts derive theirs from the relation. */
  groupStatus?: number;
  /**
   * User contacts only: copies of the relation facts the FeatAPI status derives from, written in the
   * same transaction as the edge / blacklist entry they copy (`store/contact-relation.ts`): my edge to
   * the peer (absent: none) and whether I block them (absent: no).
   */
  myEdge?: EdgeFacts;
  blockedByMe?: boolean;
  createdAt: number;
}

/**
 * FeatAPI times: ISO-8601 with microseconds and `Z`, as Django REST Framework renders them
 * (`2020-04-03T01:25:00.856000Z`; we keep milliseconds, so the last three digits are 0).
 */
export function featTime(ms: number): string {
  // toISOString always ends `.sssZ` for the years we store; a slice is ≈ 20× cheaper than a regex per contact.
  return `${new Date(ms).toISOString().slice(0, -1)}000Z`;
}

/** FeatAPI's `group` object (docs/api-featapi.md#the-contact-object). */
export interface FeatGroupView {
  id: number;
  name: string;
  creator: string;
  creator_fullname: string;
  create_time: string;
  status: number;
  is_valid: boolean;
  bundle_id: string | null;
}

export function featGroupView(group: GroupCard): FeatGroupView {
  return {
    id: group.id,
    name: group.name,
    creator: group.creator,
    creator_fullname: group.creatorFullname,
    create_time: featTime(group.createTime),
    status: group.status,
    is_valid: group.isValid,
    bundle_id: group.bundleId,
  };
}

/** FeatAPI's contact object, field for field and in its order (docs/api-featapi.md#the-contact-object). */
export interface FeatContactView {
  id: number;
  group: FeatGroupView | null;
  friend: string | null;
  friend_fullname: string | null;
  friend_first_name: string | null;
  friend_last_name: string | null;
  unread_count: number;
  status: number;
  contact_time: string;
  expertise: string | null;
  timezone: string | null;
  timezone_utc_offset: string | null;
  location: string | null;
  avatar: string | null;
}

const orNull = (value: string | null | undefined) => (value === undefined || value === '' ? null : value);

/**
 * A contact as FeatAPI returns it. `status` is the relation's FeatAPI status for user contacts
 * (see `domain/relation.ts`) and the stored group status for group contacts.
 * `timezone_utc_offset` is null: user records keep no offset of their own (FeatAPI's example shows null beside a timezone).
 */
export function featContactView(contact: ContactRecord, status: number): FeatContactView {
  const base = { id: contact.id, unread_count: contact.unreadCount, status, contact_time: featTime(contact.contactTime) };
  if (contact.kind === 'group') {
    return {
      id: base.id,
      group: featGroupView(contact.peer as GroupCard),
      friend: null,
      friend_fullname: null,
      friend_first_name: null,
      friend_last_name: null,
      unread_count: base.unread_count,
      status,
      contact_time: base.contact_time,
      expertise: null,
      timezone: null,
      timezone_utc_offset: null,
      location: null,
      avatar: null,
    };
  }
  const peer = contact.peer as PeerCard;
  return {
    id: base.id,
    group: null,
    friend: contact.peerId,
    friend_fullname: orNull(peer.fullname),
    friend_first_name: orNull(peer.firstName),
    friend_last_name: orNull(peer.lastName),
    unread_count: base.unread_count,
    status,
    contact_time: base.contact_time,
    expertise: orNull(peer.expertise),
    timezone: orNull(peer.timezone),
    timezone_utc_offset: null,
    location: orNull(peer.location),
    avatar: orNull(peer.avatar),
  };
}
