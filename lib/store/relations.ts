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
import { contactKey, contactSlot, contactTouchItems, getContacts } from './contacts.js';
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
  if (write.mine) items.push(putEdge(write.mine, state.mine?.rev));
  if (write.theirs) items.push(putEdge(write.theirs, state.theirs?.rev));
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
  const touches = decision.activity
    ? [
      { ownerId: state.me.id, ref: { kind: 'user' as const, peerId: state.friend.id }, peer: peerCard(state.friend), current: state.myContact, activityAt: now },
      { ownerId: state.friend.id, ref: { kind: 'user' as const, peerId: state.me.id }, peer: peerCard(state.me), current: state.theirContact, activityAt: now },
    ]
    : decision.block === 'add'
      ? [{ ownerId: state.me.id, ref: { kind: 'user' as const, peerId: state.friend.id }, peer: peerCard(state.friend), current: state.myContact }]
      : [];
  items.push(...(await contactTouchItems(touches, now)));
  // Edges, contacts and the blacklist entry copy the users' cards, and the decision read their profiles: a profile
  // change in between makes the transaction fail and the decision run again on fresh cards.
  if (items.length) items.push(userUnchanged(state.me), userUnchanged(state.friend));
  return items;
}

/** The two users' contacts of each other (consistent), for a SealTalk pair decision. */
export async function readPairContacts(meId: string, friendId: string): Promise<{ mine?: ContactRecord; theirs?: ContactRecord }> {
  const mineRef = { kind: 'user' as const, peerId: friendId };
  const theirsRef = { kind: 'user' as const, peerId: meId };
  const found = await getContacts([{ ownerId: meId, ref: mineRef }, { ownerId: friendId, ref: theirsRef }], true);
  return { mine: found.get(contactSlot(meId, mineRef)), theirs: found.get(contactSlot(friendId, theirsRef)) };
}

/**
 * Extra transaction items of a SealTalk pair decision (invite, agree): when edges change, both
 * users' contacts record the activity (created with fresh ids if missing), in the same transaction.
 */
export async function pairContactItems(
  state: PairState,
  write: PairWrite,
  contacts: { mine?: ContactRecord; theirs?: ContactRecord },
  now: number,
): Promise<TransactItem[]> {
  if (!write.mine && !write.theirs) return [];
  return contactTouchItems([
    { ownerId: state.me.id, ref: { kind: 'user', peerId: state.friend.id }, peer: peerCard(state.friend), current: contacts.mine, activityAt: now },
    { ownerId: state.friend.id, ref: { kind: 'user', peerId: state.me.id }, peer: peerCard(state.me), current: contacts.theirs, activityAt: now },
  ], now);
}

/** My edges to and blacklist entries for these users: what their contacts' FeatAPI statuses derive from. One wave. */
export async function readRelationFacts(meId: string, peerIds: readonly string[]): Promise<Map<string, { mine?: FriendEdge; blockedByMe: boolean }>> {
  const found = await batchGet<Record<string, unknown>>(peerIds.flatMap((id) => [keys.friendEdge(meId, id), keys.block(meId, id)]));
  const facts = new Map<string, { mine?: FriendEdge; blockedByMe: boolean }>();
  for (const id of peerIds) {
    const edge = getFrom(found, keys.friendEdge(meId, id));
    facts.set(id, { mine: edge && withoutKeys<FriendEdge>(edge), blockedByMe: getFrom(found, keys.block(meId, id)) !== undefined });
  }
  return facts;
}
