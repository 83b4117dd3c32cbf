/**
 * Reads and writes of the ONE relation between two users (`domain/relation.ts`): the friendship
 * edges, the blacklist entries and the two users' contacts, as FeatAPI sees them.
 */
import type { ContactRecord } from '../domain/contact.js';
import type { FriendEdge, PairState, PairWrite } from '../domain/friendship.js';
import type { RelationDecision, RelationState } from '../domain/relation.js';
import { peerCard, type User } from '../domain/user.js';
import { UnknownUserError } from '../errors.js';
import { batchGet, getFrom } from './batch.js';
import { blockDeleteItems, blockPutItems } from './blacklist.js';
import { tableName } from './client.js';
import { relationCopyItems, withoutRedundantChecks, type RelationSide } from './contact-relation.js';
import { contactKey, contactTouchItems, type ContactTouch } from './contacts.js';
import { putEdge } from './friendships.js';
import { userUnchanged } from './users.js';
import { withoutKeys } from './items.js';
import { keys, type Key } from './keys.js';
import type { TransactItem } from './transact.js';

export interface RelationRead extends RelationState {
  myContact?: ContactRecord;
  theirContact?: ContactRecord;
}

/** Both users, both edges, both blacklist entries and both contacts: one consistent BatchGetItem. */
export async function readRelation(meId: string, friendId: string): Promise<RelationRead> {
  const wanted = [
    keys.user(meId), keys.user(friendId), keys.friendEdge(meId, friendId), keys.friendEdge(friendId, meId),
    keys.block(meId, friendId), keys.block(friendId, meId), contactKey(meId, { kind: 'user', peerId: friendId }),
    contactKey(friendId, { kind: 'user', peerId: meId }),
  ];
  const found = await batchGet<Record<string, unknown>>(wanted, { consistent: true });
  const me = getFrom(found, keys.user(meId));
  const friend = getFrom(found, keys.user(friendId));
  if (!me) throw new UnknownUserError(meId);
  if (!friend) throw new UnknownUserError(friendId);
  const get = <T>(key: Key) => {
    const item = getFrom(found, key);
    return item && withoutKeys<T>(item);
  };
  return {
    me: withoutKeys<User>(me),
    friend: withoutKeys<User>(friend),
    mine: get<FriendEdge>(keys.friendEdge(meId, friendId)),
    theirs: get<FriendEdge>(keys.friendEdge(friendId, meId)),
    blockedByMe: getFrom(found, keys.block(meId, friendId)) !== undefined,
    blockedByFriend: getFrom(found, keys.block(friendId, meId)) !== undefined,
    myContact: get<ContactRecord>(contactKey(meId, { kind: 'user', peerId: friendId })),
    theirContact: get<ContactRecord>(contactKey(friendId, { kind: 'user', peerId: meId })),
  };
}

const blockCheck = (key: Key, exists: boolean): TransactItem => ({
  ConditionCheck: { TableName: tableName(), Key: key, ConditionExpression: exists ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)' },
});

/**
 * The transaction of a relation decision, every item conditioned on what was read: edges on
 * their revision, blacklist entries on their presence, contacts on existence and area. Activity
 * touches both users' contacts (created if missing); `black` makes sure I have a contact for them
 * so that the black list can show it.
 */
export async function relationWriteItems(state: RelationRead, decision: RelationDecision, now: number): Promise<TransactItem[]> {
  const { write } = decision;
  const items: TransactItem[] = [];
  if (write.mine) items.push(...putEdge(write.mine, state.mine));
  if (write.theirs) items.push(...putEdge(write.theirs, state.theirs));
  const mineBlock = keys.block(state.me.id, state.friend.id);
  const theirBlock = keys.block(state.friend.id, state.me.id);
  const edgesWritten = items.length > 0;
  if (write.unblock) {
    items.push(...blockDeleteItems(state.me.id, state.friend.id), ...blockDeleteItems(state.friend.id, state.me.id));
  } else if (edgesWritten) {
    // The decision relied on the blacklist as read: hold the write to it.
    if (!decision.block) items.push(blockCheck(mineBlock, state.blockedByMe));
    items.push(blockCheck(theirBlock, state.blockedByFriend));
  }
  if (decision.block === 'add') {
    items.push(...blockPutItems(state.me, state.friend, now));
  } else if (decision.block === 'remove') {
    items.push(...blockDeleteItems(state.me.id, state.friend.id, true));
  }
  // Each user's contact of the other copies the facts of their direction (`store/contact-relation.ts`).
  const unblocked = write.unblock ? false : undefined;
  const mySide: RelationSide = {
    ownerId: state.me.id, peerId: state.friend.id, edge: state.mine, newEdge: write.mine, blocked: state.blockedByMe,
    newBlocked: decision.block === 'add' ? true : decision.block === 'remove' ? false : unblocked,
  };
  const theirSide: RelationSide = {
    ownerId: state.friend.id, peerId: state.me.id, edge: state.theirs, newEdge: write.theirs, blocked: state.blockedByFriend, newBlocked: unblocked,
  };
  const mineTouch = sideTouch(state.friend, state.myContact, mySide);
  const theirTouch = sideTouch(state.me, state.theirContact, theirSide);
  const touches = decision.activity
    ? [{ ...mineTouch, activityAt: now }, { ...theirTouch, activityAt: now }]
    : decision.block === 'add'
      ? [mineTouch]
      : [];
  items.push(...(await contactTouchItems(touches, now)));
  // A contact not touched still gets its copy (or, when missing, a check that it stays missing).
  if (!decision.activity && decision.block !== 'add') items.push(...relationCopyItems(mySide, state.myContact !== undefined));
  if (!decision.activity) items.push(...relationCopyItems(theirSide, state.theirContact !== undefined));
  // Edges, contacts and the blacklist entry copy the users' cards, and the decision read their profiles: a profile
  // change in between makes the transaction fail and the decision run again on fresh cards.
  if (items.length) items.push(userUnchanged(state.me), userUnchanged(state.friend));
  return withoutRedundantChecks(items);
}

/** What a SealTalk pair decision copies besides the pair: the two contacts and my blacklist entry (one consistent wave). */
export interface PairCopies {
  mine?: ContactRecord;
  theirs?: ContactRecord;
  /** I have the friend on my blacklist (the copy on my contact keeps it). */
  blockedByMe: boolean;
}

/** The two users' contacts of each other and my blacklist entry (consistent), for a SealTalk pair decision. */
export async function readPairCopies(meId: string, friendId: string): Promise<PairCopies> {
  const mineKey = contactKey(meId, { kind: 'user', peerId: friendId });
  const theirsKey = contactKey(friendId, { kind: 'user', peerId: meId });
  const found = await batchGet<Record<string, unknown>>([mineKey, theirsKey, keys.block(meId, friendId)], { consistent: true });
  const get = (key: Key) => {
    const item = getFrom(found, key);
    return item && withoutKeys<ContactRecord>(item);
  };
  return { mine: get(mineKey), theirs: get(theirsKey), blockedByMe: getFrom(found, keys.block(meId, friendId)) !== undefined };
}

/**
 * Extra transaction items of a SealTalk pair decision (invite, agree): when edges change, both
 * users' contacts record the activity (created with fresh ids if missing) and copy the new relation
 * facts, in the same transaction.
 */
export async function pairContactItems(state: PairState, write: PairWrite, copies: PairCopies, now: number): Promise<TransactItem[]> {
  if (!write.mine && !write.theirs) return [];
  const unblocked = write.unblock ? false : undefined;
  return contactTouchItems([
    {
      ...sideTouch(state.friend, copies.mine, {
        ownerId: state.me.id, peerId: state.friend.id, edge: state.mine, newEdge: write.mine, blocked: copies.blockedByMe, newBlocked: unblocked,
      }),
      activityAt: now,
    },
    {
      ...sideTouch(state.me, copies.theirs, {
        ownerId: state.friend.id, peerId: state.me.id, edge: state.theirs, newEdge: write.theirs, blocked: state.blockedByFriend, newBlocked: unblocked,
      }),
      activityAt: now,
    },
  ], now);
}

/** The touch of a side's owner's contact of `peer` (whose card it carries), copying that side of the relation write. */
function sideTouch(peer: User, current: ContactRecord | undefined, side: RelationSide): ContactTouch {
  return { ownerId: side.ownerId, ref: { kind: 'user', peerId: peer.id }, peer: peerCard(peer), current, relation: side };
}
