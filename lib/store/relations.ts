/**
 * The relation repository: reads and saves of the ONE relation between two users
 * (`domain/relation.ts`, docs/relations.md) — the friendship edges, the blacklist entries, the
 * friend-by-phone rows and the two users' contacts, as both dialects see them. `readRelations` reads
 * what a decision needs; `saveRelation` (and, for many edges of mine at once, `saveMyEdges`) writes
 * a decision. They are the only code that writes edges, blacklist entries, friend-by-phone rows,
 * the relation copies on contacts and the user-revision holds that go with them.
 */
import type { ContactRecord } from '../domain/contact.js';
import type { FriendEdge } from '../domain/friendship.js';
import { touchedContacts, type RelationDecision, type RelationState } from '../domain/relation.js';
import { peerCard, type User } from '../domain/user.js';
import { UnknownUserError } from '../errors.js';
import { batchGet, getFrom } from './batch.js';
import { blockDeleteItems, blockPutItems } from './blacklist.js';
import { tableName } from './client.js';
import { relationCopyItems, withoutRedundantChecks, type RelationSide } from './contact-relation.js';
import { contactKey, contactTouchItems, getContact, type ContactTouch } from './contacts.js';
import { edgeWrite, getEdge, putEdge } from './friendships.js';
import { markerPutItem } from './ingest.js';
import { withoutKeys } from './items.js';
import { keys, type Key } from './keys.js';
import { cancellationCodes, TRANSACTION_MAX_ITEMS, transactWrite, type TransactItem } from './transact.js';
import { withOptimisticRetry } from './retry.js';
import { userUnchanged } from './users.js';

/** Everything about a pair (both users, edges, blacklist entries and contacts): for decisions over the whole relation. */
export interface PairRead extends RelationState {
  scope: 'pair';
}

/** My side only (my edge and my contact of the friend): for changes of my own edge, which depend on nothing else. */
export interface MySideRead {
  scope: 'mine';
  meId: string;
  friendId: string;
  mine?: FriendEdge;
  myContact?: ContactRecord;
}

export type RelationRead = PairRead | MySideRead;
export type RelationScope = RelationRead['scope'];

const userContact = (ownerId: string, peerId: string): Key => contactKey(ownerId, { kind: 'user', peerId });

/** The keys of a whole pair: both users, both edges, both blacklist entries, both contacts. */
const pairKeys = (meId: string, friendId: string): Key[] => [
  keys.user(meId),
  keys.user(friendId),
  keys.friendEdge(meId, friendId),
  keys.friendEdge(friendId, meId),
  keys.block(meId, friendId),
  keys.block(friendId, meId),
  userContact(meId, friendId),
  userContact(friendId, meId),
];
/** What SealTalk's friendship decisions read of a pair: both users, both edges, the friend's blacklist entry. */
const decidedKeys = (meId: string, friendId: string): Key[] => [
  keys.user(meId),
  keys.user(friendId),
  keys.friendEdge(meId, friendId),
  keys.friendEdge(friendId, meId),
  keys.block(friendId, meId),
];
/** The rest of the pair: both contacts (what their save copies onto) and my blacklist entry. */
const copiedKeys = (meId: string, friendId: string): Key[] => [
  userContact(meId, friendId),
  userContact(friendId, meId),
  keys.block(meId, friendId),
];

/** A pair as found by a read of `pairKeys` (unknown users refused). */
function pairFrom(found: Map<string, Record<string, unknown>>, meId: string, friendId: string): PairRead {
  const me = getFrom(found, keys.user(meId));
  const friend = getFrom(found, keys.user(friendId));
  if (!me) throw new UnknownUserError(meId);
  if (!friend) throw new UnknownUserError(friendId);
  const get = <T>(key: Key) => {
    const item = getFrom(found, key);
    return item && withoutKeys<T>(item);
  };
  return {
    scope: 'pair',
    me: withoutKeys<User>(me),
    friend: withoutKeys<User>(friend),
    mine: get<FriendEdge>(keys.friendEdge(meId, friendId)),
    theirs: get<FriendEdge>(keys.friendEdge(friendId, meId)),
    blockedByMe: getFrom(found, keys.block(meId, friendId)) !== undefined,
    blockedByFriend: getFrom(found, keys.block(friendId, meId)) !== undefined,
    myContact: get<ContactRecord>(userContact(meId, friendId)),
    theirContact: get<ContactRecord>(userContact(friendId, meId)),
  };
}

/**
 * What relation decisions between me and each friend need, read consistently in one round trip
 * (one read per friend listed, duplicates dropped).
 * - `pair`: the whole pair (FeatAPI's decisions read all of it): one BatchGetItem.
 * - `friendship`: the same, for SealTalk's invite and agree, as two BatchGetItem calls in one wave:
 *   what the decision reads (both users, both edges, the friend's blacklist entry) ‖ what the save
 *   copies onto (both contacts, my blacklist entry).
 * - `mine`: my edges and my contacts of them, two reads in parallel (GetItem each for one friend,
 *   BatchGetItem each for many).
 */
export async function readRelations(meId: string, friendIds: readonly string[], scope: 'pair' | 'friendship'): Promise<PairRead[]>;
export async function readRelations(meId: string, friendIds: readonly string[], scope: 'mine'): Promise<MySideRead[]>;
export async function readRelations(meId: string, listed: readonly string[], scope: RelationScope | 'friendship'): Promise<RelationRead[]> {
  const friendIds = [...new Set(listed)];
  const consistent = { consistent: true };
  if (scope === 'pair') {
    const found = await batchGet<Record<string, unknown>>(
      friendIds.flatMap((friendId) => pairKeys(meId, friendId)),
      consistent,
    );
    return friendIds.map((friendId) => pairFrom(found, meId, friendId));
  }
  if (scope === 'friendship') {
    const [found, copies] = await Promise.all([
      batchGet<Record<string, unknown>>(
        friendIds.flatMap((friendId) => decidedKeys(meId, friendId)),
        consistent,
      ),
      batchGet<Record<string, unknown>>(
        friendIds.flatMap((friendId) => copiedKeys(meId, friendId)),
        consistent,
      ),
    ]);
    for (const [id, item] of copies) found.set(id, item);
    return friendIds.map((friendId) => pairFrom(found, meId, friendId));
  }
  if (friendIds.length === 1) {
    const [friendId] = friendIds as [string];
    const [mine, myContact] = await Promise.all([getEdge(meId, friendId), getContact(meId, { kind: 'user', peerId: friendId }, true)]);
    return [{ scope, meId, friendId, mine, myContact }];
  }
  const [edges, contacts] = await Promise.all([
    batchGet<Record<string, unknown>>(
      friendIds.map((friendId) => keys.friendEdge(meId, friendId)),
      consistent,
    ),
    batchGet<Record<string, unknown>>(
      friendIds.map((friendId) => userContact(meId, friendId)),
      consistent,
    ),
  ]);
  return friendIds.map((friendId) => {
    const edge = getFrom(edges, keys.friendEdge(meId, friendId));
    const contact = getFrom(contacts, userContact(meId, friendId));
    const mine = edge && withoutKeys<FriendEdge>(edge);
    return { scope, meId, friendId, mine, myContact: contact && withoutKeys<ContactRecord>(contact) };
  });
}

/**
 * A delivered message's pair (`readRelations` 'pair') and, in the same BatchGetItem, whether the
 * message was recorded already (its marker exists: then nothing else is checked).
 */
export async function readMessagePair(
  messageId: string,
  fromId: string,
  toId: string,
): Promise<{ seen: true } | { seen: false; pair: PairRead }> {
  const found = await batchGet<Record<string, unknown>>([...pairKeys(fromId, toId), keys.ingestChunk(messageId, 0)], { consistent: true });
  if (getFrom(found, keys.ingestChunk(messageId, 0))) return { seen: true };
  return { seen: false, pair: pairFrom(found, fromId, toId) };
}

const blockCheck = (key: Key, exists: boolean): TransactItem => ({
  ConditionCheck: { TableName: tableName(), Key: key, ConditionExpression: exists ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)' },
});

const idsOf = (read: RelationRead) => (read.scope === 'pair' ? { meId: read.me.id, friendId: read.friend.id } : read);

/**
 * The transaction of a relation decision, every item conditioned on what was read: edges on
 * their revision, blacklist entries on their presence, contacts on existence and area. Touched
 * contacts (`touchedContacts`) record the activity, created with `contactIds` when missing; the
 * other contacts get the copy of the relation facts that changed (`store/contact-relation.ts`).
 * A decision over the whole pair is also held to the blacklist and to both users' records as read.
 */
function relationWriteItems(read: RelationRead, decision: RelationDecision, now: number, contactIds: readonly number[]): TransactItem[] {
  const { write } = decision;
  const { meId, friendId } = idsOf(read);
  const items: TransactItem[] = [];
  if (write.mine) items.push(...putEdge(write.mine, read.mine));
  if (write.theirs && read.scope === 'pair') items.push(...putEdge(write.theirs, read.theirs));
  const edgesWritten = items.length > 0;
  const touched = touchedContacts(decision);
  if (read.scope === 'mine') {
    if (write.theirs || write.unblock || decision.block || touched.mine) {
      throw new Error('A decision on my side alone writes my edge only.');
    }
    // `blocked` is only read when a contact is created, which this write never does.
    const side: RelationSide = { ownerId: meId, peerId: friendId, edge: read.mine, newEdge: write.mine, blocked: false };
    return [...items, ...relationCopyItems(side, read.myContact !== undefined)];
  }
  if (write.unblock) {
    items.push(...blockDeleteItems(meId, friendId), ...blockDeleteItems(friendId, meId));
  } else if (edgesWritten) {
    // The decision relied on the blacklist as read: hold the write to it.
    if (!decision.block && !decision.independentOfMyBlock) items.push(blockCheck(keys.block(meId, friendId), read.blockedByMe));
    items.push(blockCheck(keys.block(friendId, meId), read.blockedByFriend));
  }
  if (decision.block === 'add') items.push(...blockPutItems(read.me, read.friend, now));
  else if (decision.block === 'remove') items.push(...blockDeleteItems(meId, friendId, true));
  const relationChanged = items.length > 0;
  // Each user's contact of the other copies the facts of their direction (`store/contact-relation.ts`).
  const unblocked = write.unblock ? false : undefined;
  const mySide: RelationSide = {
    ownerId: meId,
    peerId: friendId,
    edge: read.mine,
    newEdge: write.mine,
    blocked: read.blockedByMe,
    newBlocked: decision.block === 'add' ? true : decision.block === 'remove' ? false : unblocked,
  };
  const theirSide: RelationSide = {
    ownerId: friendId,
    peerId: meId,
    edge: read.theirs,
    newEdge: write.theirs,
    blocked: read.blockedByFriend,
    newBlocked: unblocked,
  };
  const activityAt = decision.activity ? { activityAt: now } : {};
  const touches: ContactTouch[] = [
    ...(touched.mine ? [{ ...sideTouch(read.friend, read.myContact, mySide), ...activityAt }] : []),
    ...(touched.theirs ? [{ ...sideTouch(read.me, read.theirContact, theirSide), ...activityAt, ...unread(decision.friendUnread) }] : []),
  ];
  items.push(...contactTouchItems(touches, now, contactIds));
  // A contact not touched still gets its copy (or, when missing, a check that it stays missing).
  if (!touched.mine) items.push(...relationCopyItems(mySide, read.myContact !== undefined));
  if (!touched.theirs) items.push(...relationCopyItems(theirSide, read.theirContact !== undefined));
  // Edges, contacts and the blacklist entry copy the users' cards, and the decision read their profiles: a profile
  // change in between makes the transaction fail and the decision run again on fresh cards.
  if (relationChanged) items.push(userUnchanged(read.me), userUnchanged(read.friend));
  return withoutRedundantChecks(items);
}

const unread = (count: number | undefined) => (count ? { addUnread: count } : {});

/** The touch of a side's owner's contact of `peer` (whose card it carries), copying that side of the relation write. */
function sideTouch(peer: User, current: ContactRecord | undefined, side: RelationSide): ContactTouch {
  return { ownerId: side.ownerId, ref: { kind: 'user', peerId: peer.id }, peer: peerCard(peer), current, relation: side };
}

export interface SaveOptions {
  now: number;
  /** Fresh contact ids, one for each contact the decision creates (`contactsCreatedBy`, `allocateContactIds`). */
  contactIds?: readonly number[];
  /** The decision records this delivered message: saved once, with its marker. */
  messageId?: string;
}

/**
 * Writes a decision over what was read, in one transaction conditioned on that read (a lost race
 * fails it: re-read and decide again). A decision that changes nothing writes nothing. With
 * `messageId`: 'duplicate' when the message was recorded already, and nothing is written.
 */
export async function saveRelation(read: RelationRead, decision: RelationDecision, options: SaveOptions): Promise<'saved' | 'duplicate'> {
  const items = relationWriteItems(read, decision, options.now, options.contactIds ?? []);
  if (options.messageId === undefined) {
    await transactWrite(items);
    return 'saved';
  }
  try {
    await transactWrite([markerPutItem(options.messageId, 0, 1, options.now), ...items]);
    return 'saved';
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'duplicate';
    throw error;
  }
}

/**
 * My edges changed at once (batch_delete), each over its read: the edges in one transaction, with my
 * friend-by-phone rows and the copies of their facts on my contacts as far as that transaction holds
 * them (all of them up to 33 edges). The rest follow on the change stream
 * (`stream/reactions/deleted-edge-copies.ts`, docs/change-stream.md), rev-guarded like the card copies.
 */
export async function saveMyEdges(reads: readonly MySideRead[], next: ReadonlyMap<string, FriendEdge>): Promise<void> {
  const changed = reads.filter((read) => read.mine && next.has(read.friendId));
  const writes = changed.map((read) => {
    const written = next.get(read.friendId)!;
    return { read, edge: read.mine!, written, ...edgeWrite(written, read.mine) };
  });
  // The edges first: they are the change, and must be one atomic write.
  const items = writes.map(({ edgePut }) => edgePut);
  for (const { read, edge, written, phoneRow } of writes) {
    // `blocked` is only read when a contact is created, which this write never does.
    const side: RelationSide = { ownerId: read.meId, peerId: read.friendId, edge, newEdge: written, blocked: false };
    const copy = relationCopyItems(side, read.myContact !== undefined);
    if (phoneRow && items.length < TRANSACTION_MAX_ITEMS) items.push(phoneRow);
    if (items.length + copy.length <= TRANSACTION_MAX_ITEMS) items.push(...copy);
  }
  await transactWrite(items);
}

/**
 * SealTalk remove_from_blacklist, decided without a read: my entry `me → other` goes with its
 * reverse row and the copy on my contact of them (one transaction); false if there was no entry.
 * Adding an entry makes the contact, so it is assumed to exist; when it does not, the write runs
 * again holding it missing.
 */
export async function removeMyBlock(meId: string, otherId: string): Promise<boolean> {
  const side: RelationSide = { ownerId: meId, peerId: otherId, edge: undefined, blocked: true, newBlocked: false };
  let contactExists = true;
  return withOptimisticRetry(async () => {
    const items = [...blockDeleteItems(meId, otherId, true), ...relationCopyItems(side, contactExists)];
    try {
      await transactWrite(items);
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed') return false;
      if (codes?.[items.length - 1] === 'ConditionalCheckFailed') contactExists = !contactExists;
      throw error;
    }
  });
}
