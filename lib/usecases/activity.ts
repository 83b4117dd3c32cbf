import { featGroupView, FeatStatus, type ContactRecord, type ContactRef, type FeatGroupView, type GroupCard } from '../domain/contact.js';
import type { FriendEdge } from '../domain/friendship.js';
import { peerCard, type User } from '../domain/user.js';
import { InvalidInputError, NotFoundError, UnknownUserError } from '../errors.js';
import { batchGet, chunks as chunked, getFrom } from '../store/batch.js';
import type { RelationSide } from '../store/contact-relation.js';
import { contactKey, contactSlot, contactTouchItems, getContacts, type ContactTouch } from '../store/contacts.js';
import { allocateIds, COUNTERS } from '../store/counters.js';
import { getGroup, groupExistsCheck, groupPutItem, listMemberIds, memberPutItem, membersAmong } from '../store/groups.js';
import { fixPlan, getPlan, markerPutItem, markersOf } from '../store/ingest.js';
import { withoutKeys } from '../store/items.js';
import { keys } from '../store/keys.js';
import { cancellationCodes, transactWrite } from '../store/transact.js';
import { withOptimisticRetry } from '../store/retry.js';
import { getUsers } from '../store/users.js';

/**
 * The app server's side of FeatAPI (scope `party_admin`): chat groups and their members, and the
 * ingestion of message activity into the contact records.
 */

/** Touches per transaction: 99 contact writes + the chunk's idempotency marker = 100 items. */
const CHUNK = 99;

async function requireUsers(ids: readonly string[]): Promise<Map<string, User>> {
  const users = await getUsers(ids);
  const unknown = ids.find((id) => !users.has(id));
  if (unknown !== undefined) throw new UnknownUserError(unknown);
  return users;
}

const groupRef = (groupId: number): ContactRef => ({ kind: 'group', peerId: String(groupId) });

/**
 * Creates a chat group: the group, the creator and the given members, and a group contact
 * (status 300) for each, in one transaction.
 */
export async function createGroup(input: { name: string; creator: string; members: readonly string[] }, now: number): Promise<FeatGroupView> {
  const ids = [...new Set([input.creator, ...input.members])];
  const users = await requireUsers(ids);
  const [groupId] = await allocateIds(COUNTERS.featGroup, 1);
  const group: GroupCard = {
    id: groupId!, name: input.name, creator: input.creator, creatorFullname: users.get(input.creator)!.fullname,
    createTime: now, status: 0, isValid: true, bundleId: null,
  };
  const touches = ids.map((id): ContactTouch => ({
    ownerId: id, ref: groupRef(group.id), peer: group, current: undefined, activityAt: now, groupStatus: FeatStatus.Created,
  }));
  await transactWrite([groupPutItem(group), ...ids.map((id) => memberPutItem(group.id, id, now)), ...(await contactTouchItems(touches, now))]);
  return featGroupView(group);
}

/** Adds members (existing members are left as they are): membership and group contact in one transaction. */
export async function addMembers(groupId: number, members: readonly string[], now: number): Promise<{ group: FeatGroupView; added: string[] }> {
  const ids = [...new Set(members)];
  return withOptimisticRetry(async () => {
    const group = await getGroup(groupId, true);
    if (!group) throw new NotFoundError(`No chat group ${groupId}.`);
    await requireUsers(ids);
    const already = await membersAmong(groupId, ids);
    const added = ids.filter((id) => !already.has(id));
    const contacts = await getContacts(added.map((id) => ({ ownerId: id, ref: groupRef(groupId) })), true);
    const touches = added.map((id): ContactTouch => ({
      ownerId: id, ref: groupRef(groupId), peer: group, current: contacts.get(contactSlot(id, groupRef(groupId))),
      activityAt: now, groupStatus: FeatStatus.Created,
    }));
    if (added.length) {
      await transactWrite([groupExistsCheck(groupId), ...added.map((id) => memberPutItem(groupId, id, now)), ...(await contactTouchItems(touches, now))]);
    }
    return { group: featGroupView(group), added };
  });
}

export interface ActivityInput {
  messageId: string;
  from: string;
  toUser?: string;
  toGroup?: number;
}

export interface ActivityResult {
  message_id: string;
  /** The message id was seen before: nothing was counted again. */
  duplicate: boolean;
}

/**
 * Records that a message was delivered: the sender's and the receivers' contacts move to the top
 * (`contact_time` = now; hidden contacts are listed again, missing ones are made) and each
 * receiver's `unread_count` grows by one — in one transaction with the message id's marker, so a
 * retried delivery counts once. A group larger than one transaction is split into chunks of 99
 * members, fixed on first delivery; each chunk is atomic and counted once.
 */
export async function ingestActivity(input: ActivityInput, now: number): Promise<ActivityResult> {
  const duplicate = input.toGroup === undefined ? await ingestDirect(input, input.toUser!, now) : await ingestGroup(input, input.toGroup, now);
  return { message_id: input.messageId, duplicate };
}

/** Writes one chunk; false when its marker shows it was written before. */
async function writeChunk(messageId: string, chunk: number, chunks: number, touches: ContactTouch[], now: number): Promise<boolean> {
  try {
    await transactWrite([markerPutItem(messageId, chunk, chunks, now), ...(await contactTouchItems(touches, now))]);
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

async function ingestDirect(input: ActivityInput, to: string, now: number): Promise<boolean> {
  if (to === input.from) throw new InvalidInputError('A message cannot go from a user to themselves.');
  const senderRef: ContactRef = { kind: 'user', peerId: to };
  const receiverRef: ContactRef = { kind: 'user', peerId: input.from };
  return withOptimisticRetry(async () => {
    // The relation both ways too: a contact created here copies its facts (`store/contact-relation.ts`).
    const wanted = [
      keys.user(input.from), keys.user(to), contactKey(input.from, senderRef), contactKey(to, receiverRef), keys.ingestChunk(input.messageId, 0),
      keys.friendEdge(input.from, to), keys.friendEdge(to, input.from), keys.block(input.from, to), keys.block(to, input.from),
    ];
    const found = await batchGet<Record<string, unknown>>(wanted, { consistent: true });
    if (getFrom(found, keys.ingestChunk(input.messageId, 0))) return true;
    const sender = getFrom(found, keys.user(input.from));
    const receiver = getFrom(found, keys.user(to));
    if (!sender) throw new UnknownUserError(input.from);
    if (!receiver) throw new UnknownUserError(to);
    const contact = (ownerId: string, ref: ContactRef) => {
      const item = getFrom(found, contactKey(ownerId, ref));
      return item && withoutKeys<ContactRecord>(item);
    };
    const relation = (ownerId: string, peerId: string): RelationSide => {
      const edge = getFrom(found, keys.friendEdge(ownerId, peerId));
      return { ownerId, peerId, edge: edge && withoutKeys<FriendEdge>(edge), blocked: getFrom(found, keys.block(ownerId, peerId)) !== undefined };
    };
    const touches: ContactTouch[] = [
      {
        ownerId: input.from, ref: senderRef, peer: peerCard(withoutKeys<User>(receiver)), current: contact(input.from, senderRef), activityAt: now,
        relation: relation(input.from, to),
      },
      {
        ownerId: to, ref: receiverRef, peer: peerCard(withoutKeys<User>(sender)), current: contact(to, receiverRef), activityAt: now, addUnread: 1,
        relation: relation(to, input.from),
      },
    ];
    return !(await writeChunk(input.messageId, 0, 1, touches, now));
  });
}

async function ingestGroup(input: ActivityInput, groupId: number, now: number): Promise<boolean> {
  const group = await getGroup(groupId, true);
  if (!group) throw new NotFoundError(`No chat group ${groupId}.`);
  const first = await markersOf(input.messageId, [0]);
  if (first.get(0)?.chunks === 1) return true;
  let plan = await getPlan(input.messageId);
  if (!plan) {
    const members = await listMemberIds(groupId);
    if (!members.includes(input.from)) throw new InvalidInputError('The sender is not a member of this chat group.');
    const split = chunked(members, CHUNK);
    plan = split.length > 1 ? await fixPlan(input.messageId, split, now) : split;
  }
  const chunks = plan;
  let wrote = false;
  for (const [index, memberIds] of chunks.entries()) {
    const written = await withOptimisticRetry(async () => {
      if ((await markersOf(input.messageId, [index])).has(index)) return false;
      const ref = groupRef(groupId);
      const contacts = await getContacts(memberIds.map((id) => ({ ownerId: id, ref })), true);
      const touches = memberIds.map((id): ContactTouch => ({
        ownerId: id, ref, peer: group, current: contacts.get(contactSlot(id, ref)), activityAt: now,
        ...(id === input.from ? {} : { addUnread: 1 }),
        ...(contacts.has(contactSlot(id, ref)) ? {} : { groupStatus: FeatStatus.Created }),
      }));
      return writeChunk(input.messageId, index, chunks.length, touches, now);
    });
    wrote ||= written;
  }
  return !wrote;
}
