/**
 * Every key of the single table is built here, and nowhere else.
 *
 *   entity               pk                     sk
 *   user                 USER#<id>              PROFILE                 gsi1: USERPHONE#<phone> / USER  (only when the user holds a phone)
 *   phone (unique)       PHONE#<phone>          PHONE                   carries `card`, the holder's card for get_contacts_info
 *   stAccount (unique)   STACCOUNT#<account>    STACCOUNT
 *   friendship edge      USER#<me>              FRIEND#<friend>
 *   friend by phone      USER#<me>              FRIENDPHONE#<phone>     `friendId`: exactly while my edge to the holder of <phone> is agreed, written with the edge
 *   blacklist entry      USER#<me>              BLOCK#<other>           carries `peer`, the other's card
 *   blocked-by (reverse) USER#<other>           BLOCKEDBY#<me>          written and deleted with BLOCK#<other> of <me>
 *   contacted-by (rev.)  USER#<peer>            CONTACTEDBY#<owner>     written with the creation of <owner>'s CONTACT#U#<peer> (account deletion finds it)
 *   pinned-by (reverse)  USER#<peer>            PINNEDBY#<owner>        exactly while <owner> has U#<peer> pinned detached (written with the PINNED set)
 *   id counter           COUNTER#<name>         COUNTER
 *   contact (user peer)  USER#<me>              CONTACT#U#<userId>      gsi1: CONTACTS#<me>#<area> / <time15>#U#<userId>
 *   contact (chat group) USER#<me>              CONTACT#G#<groupId>     gsi1: CONTACTS#<me>#<area> / <time15>#G#<groupId>
 *                                                                       user contact while I block the peer, hidden or not: gsi2: BLOCKEDCONTACTS#<me> / gsi1sk
 *                                                                       listed contact: gsi3: RECENT#<me> (RECENTPIN#<me> while pinned) / gsi1sk
 *   chat group           GROUP#<groupId>        GROUP
 *   group member         GROUP#<groupId>        MEMBER#<userId>
 *   ingestion marker     INGEST#<messageId>     CHUNK#<n> | PLAN
 *   pinned conversations USER#<me>              PINNED                  Tencent `top`: the set of pinned conversations (≤ 50), `detached` those pinned without a contact record
 *   conversation marks   USER#<me>              CONVMARK#<C2C#acct|GROUP#id>  gsi1: CONVMARKS#<me> / <seq12>  Tencent marks and groups of one conversation
 *                                                                       C2C: gsi2: CONVPEER#<acct> / gsi1sk (every mark naming an account, for account deletion)
 *   conversation groups  USER#<me>              CONVGROUPS              Tencent: the user's groups, counts and limits (one header item)
 *   account deletion     DELETION#<id>          ACCOUNT_DELETION        the clean-up's next page, written and deleted at once: its REMOVE drives the page (docs/account-deletion.md)
 *
 * Other families add their rows below; docs/data-model.md lists them all.
 */
export interface Key {
  pk: string;
  sk: string;
}

export const USER_PROFILE_SK = 'PROFILE';
export const FRIEND_PREFIX = 'FRIEND#';
export const BLOCK_PREFIX = 'BLOCK#';
/** `USER#<other>/BLOCKEDBY#<me>`: the reverse of my entry `BLOCK#<other>`, so that other's profile change finds the cards to refresh. */
export const BLOCKED_BY_PREFIX = 'BLOCKEDBY#';
/** `USER#<peer>/CONTACTEDBY#<owner>`: the reverse of owner's contact `CONTACT#U#<peer>`, so that peer's account deletion finds it. */
export const CONTACTED_BY_PREFIX = 'CONTACTEDBY#';
/** `USER#<peer>/PINNEDBY#<owner>`: owner pinned the C2C conversation with peer before it had a contact record (`store/pinned.ts`). */
export const PINNED_BY_PREFIX = 'PINNEDBY#';
/** Sort key of the account-deletion page item (`keys.accountDeletion`). */
export const ACCOUNT_DELETION_SK = 'ACCOUNT_DELETION';
/** Every contact of a user (user peers and chat groups). */
export const CONTACT_PREFIX = 'CONTACT#';
/** Contacts whose peer is a user: `CONTACT#U#<userId>`. */
export const USER_CONTACT_PREFIX = 'CONTACT#U#';
/** Contacts whose peer is a chat group: `CONTACT#G#<groupId>`. */
export const GROUP_CONTACT_PREFIX = 'CONTACT#G#';
export const GROUP_MEMBER_PREFIX = 'MEMBER#';

/** A contact's peer kind, as it appears in keys. */
export type ContactKeyKind = 'user' | 'group';
const kindTag = (kind: ContactKeyKind) => (kind === 'user' ? 'U' : 'G');
/** Width of the zero-padded ms time in contact-list sort keys (sorts as text until year 33658). */
const TIME_WIDTH = 15;

export const userPk = (userId: string) => `USER#${userId}`;

export const keys = {
  user: (userId: string): Key => ({ pk: userPk(userId), sk: USER_PROFILE_SK }),
  phone: (phone: string): Key => ({ pk: `PHONE#${phone}`, sk: 'PHONE' }),
  stAccount: (account: string): Key => ({ pk: `STACCOUNT#${account.toLowerCase()}`, sk: 'STACCOUNT' }),
  friendEdge: (me: string, friend: string): Key => ({ pk: userPk(me), sk: `${FRIEND_PREFIX}${friend}` }),
  /** My row for the friend holding `phone`, present exactly while my edge to them is agreed (get_contacts_info by key). */
  friendPhone: (me: string, phone: string): Key => ({ pk: userPk(me), sk: `FRIENDPHONE#${phone}` }),
  block: (me: string, other: string): Key => ({ pk: userPk(me), sk: `${BLOCK_PREFIX}${other}` }),
  /** The reverse row of `block(blocker, me)`, in my partition. */
  blockedBy: (me: string, blocker: string): Key => ({ pk: userPk(me), sk: `${BLOCKED_BY_PREFIX}${blocker}` }),
  /** The reverse row of `contact(owner, 'user', peer)`, in the peer's partition. */
  contactedBy: (peer: string, owner: string): Key => ({ pk: userPk(peer), sk: `${CONTACTED_BY_PREFIX}${owner}` }),
  /** The reverse row of owner's detached pin of the C2C conversation with peer, in the peer's partition. */
  pinnedBy: (peer: string, owner: string): Key => ({ pk: userPk(peer), sk: `${PINNED_BY_PREFIX}${owner}` }),
  /** The next page of a deleted account's clean-up (`usecases/account-cleanup.ts`). */
  accountDeletion: (userId: string): Key => ({ pk: `DELETION#${userId}`, sk: ACCOUNT_DELETION_SK }),
  counter: (name: string): Key => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' }),
  contact: (me: string, kind: ContactKeyKind, peerId: string): Key => ({ pk: userPk(me), sk: `CONTACT#${kindTag(kind)}#${peerId}` }),
  group: (groupId: number): Key => ({ pk: `GROUP#${groupId}`, sk: 'GROUP' }),
  groupMember: (groupId: number, userId: string): Key => ({ pk: `GROUP#${groupId}`, sk: `${GROUP_MEMBER_PREFIX}${userId}` }),
  /** Idempotency marker of one chunk of an ingested message. */
  ingestChunk: (messageId: string, chunk: number): Key => ({ pk: `INGEST#${messageId}`, sk: `CHUNK#${chunk}` }),
  /** The member chunks of a large group message, fixed on its first delivery. */
  ingestPlan: (messageId: string): Key => ({ pk: `INGEST#${messageId}`, sk: 'PLAN' }),
  /** A user's pinned Tencent conversations: one small item holding the whole set. */
  pinnedConversations: (me: string): Key => ({ pk: userPk(me), sk: 'PINNED' }),
  /** Tencent marks and groups of one conversation of mine (`conversationId`: `C2C#<account>` / `GROUP#<groupId>`). */
  conversationMarks: (me: string, conversationId: string): Key => ({ pk: userPk(me), sk: `${CONVERSATION_MARKS_PREFIX}${conversationId}` }),
  /** My Tencent conversation groups and the counts their limits are checked against. */
  conversationGroups: (me: string): Key => ({ pk: userPk(me), sk: 'CONVGROUPS' }),
};

/** Every stored conversation-marks record of a user. */
export const CONVERSATION_MARKS_PREFIX = 'CONVMARK#';

/**
 * GSI1 keys of a user record that holds a phone: find-by-phone is one Query. Written only with the
 * record itself, in the transaction that wins the `PHONE#` claim, so at most one user sits in a partition.
 */
export const userPhoneIndex = {
  pk: (phone: string) => `USERPHONE#${phone}`,
  sk: 'USER',
};

/** GSI1 keys of conversation-marks records: one partition per user, in the order they were first stored (get_contact_group pages). */
export const conversationMarksIndex = {
  pk: (me: string) => `CONVMARKS#${me}`,
  sk: (seq: number) => String(seq).padStart(12, '0'),
};

/** GSI1 keys of a listed contact: one partition per user and area, newest `contactTime` last in sort order. */
export const contactIndex = {
  pk: (me: string, area: string) => `CONTACTS#${me}#${area}`,
  sk: (contactTime: number, kind: ContactKeyKind, peerId: string) =>
    `${String(Math.max(0, Math.floor(contactTime))).padStart(TIME_WIDTH, '0')}#${kindTag(kind)}#${peerId}`,
  /** Sorts after every sort key whose time is ≤ `contactTime` and before every later one (`gsi1sk < timeBound(t)`: at or before t). */
  timeBound: (contactTime: number) => `${String(Math.max(0, Math.floor(contactTime))).padStart(TIME_WIDTH, '0')}#~`,
  /** A contact-list sort key as written by `sk`. */
  isSk: (value: string) => new RegExp(`^\\d{${TIME_WIDTH}}#[UG]#.+$`).test(value),
};

/**
 * GSI2 partition of my contacts of the users I block (FeatAPI black_list): set exactly while my
 * blacklist entry exists, with it; GSI2's sort key is `gsi1sk` (newest `contactTime` last).
 */
export const blockedContactsIndex = {
  pk: (me: string) => `BLOCKEDCONTACTS#${me}`,
};

/**
 * GSI2 partition of the C2C conversation-marks records naming an account (`To_Account`), whoever holds
 * them: set on every C2C record when it is written whole, never changed (the peer is part of its key).
 * Account deletion finds other users' marks of the deleted account with it; GSI2's sort key is the
 * record's `gsi1sk`.
 */
export const markedPeerIndex = {
  pk: (account: string) => `CONVPEER#${account}`,
};

/**
 * GSI3 partitions of a listed contact in Tencent's recent-contact list (get_list): both FeatAPI areas
 * together, the pinned ones (contact flag `pinned`) apart; GSI3's sort key is `gsi1sk`. Absent while
 * hidden. Written only from `recentContactsIndex.pkOf`, so every writer decides the partition alike.
 */
export const recentContactsIndex = {
  pk: (me: string, pinned: boolean) => `${pinned ? 'RECENTPIN' : 'RECENT'}#${me}`,
  /** The partition of a contact in this state (undefined: hidden, in no partition). */
  pkOf: (me: string, contact: { hidden?: boolean; pinned?: boolean }) =>
    contact.hidden ? undefined : recentContactsIndex.pk(me, contact.pinned === true),
};

/** The id at the end of a sort key: `FRIEND#abc` → `abc`. */
export function idFromSk(sk: string, prefix: string): string {
  return sk.slice(prefix.length);
}

/**
 * Records that keep a copy of another user's card (`peer`), found from the card owner's side:
 * for each of my rows under `prefix`, `reverse(me, other)` is the row of `other` that holds my card.
 */
export const PEER_CARD_HOLDERS: ReadonlyArray<{ prefix: string; reverse: (me: string, other: string) => Key }> = [
  { prefix: FRIEND_PREFIX, reverse: (me, other) => keys.friendEdge(other, me) },
  { prefix: USER_CONTACT_PREFIX, reverse: (me, other) => keys.contact(other, 'user', me) },
  { prefix: BLOCKED_BY_PREFIX, reverse: (me, other) => keys.block(other, me) },
];
