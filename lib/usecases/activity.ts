import { featGroupView, type ContactRef, type FeatGroupView, type GroupCard } from '../domain/contact.js';
import { contactsCreatedBy, FeatStatus, messageDecision } from '../domain/relation.js';
import type { User } from '../domain/user.js';
import { InvalidInputError, NotFoundError, UnknownUserError } from '../errors.js';
import { contactsCreated, contactSlot, getContacts, type ContactTouch } from '../store/contacts.js';
import { allocateContactIds, allocateIds, COUNTERS } from '../store/counters.js';
import { addGroupMembers, createGroupWithMembers, getGroup, listMemberIds, membersAmong } from '../store/groups.js';
import { fixPlan, getPlan, markersOf, memberChunks, recordChunk } from '../store/ingest.js';
import { readMessagePair, saveRelation } from '../store/relations.js';
import { withOptimisticRetry } from '../store/retry.js';
import { getUsers } from '../store/users.js';

/**
 * The app server's side of FeatAPI (scope `party_admin`): chat groups and their members, and the
 * ingestion of message activity into the contact records.
 */

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
export async function createGroup(
  input: { name: string; creator: string; members: readonly string[] },
  now: number,
): Promise<FeatGroupView> {
  const ids = [...new Set([input.creator, ...input.members])];
  const users = await requireUsers(ids);
  const [groupId] = await allocateIds(COUNTERS.featGroup, 1);
  const group: GroupCard = {
    id: groupId!,
    name: input.name,
    creator: input.creator,
    creatorFullname: users.get(input.creator)!.fullname,
    createTime: now,
    status: 0,
    isValid: true,
    bundleId: null,
  };
  const touches = ids.map((id): ContactTouch => ({
    ownerId: id,
    ref: groupRef(group.id),
    peer: group,
    current: undefined,
    activityAt: now,
    groupStatus: FeatStatus.Created,
  }));
  await createGroupWithMembers(group, ids, touches, await allocateContactIds(contactsCreated(touches)), now);
  return featGroupView(group);
}

/** Adds members (existing members are left as they are): membership and group contact in one transaction. */
export async function addMembers(
  groupId: number,
  members: readonly string[],
  now: number,
): Promise<{ group: FeatGroupView; added: string[] }> {
  const ids = [...new Set(members)];
  return withOptimisticRetry(async () => {
    const group = await getGroup(groupId, true);
    if (!group) throw new NotFoundError(`No chat group ${groupId}.`);
    await requireUsers(ids);
    const already = await membersAmong(groupId, ids);
    const added = ids.filter((id) => !already.has(id));
    const contacts = await getContacts(
      added.map((id) => ({ ownerId: id, ref: groupRef(groupId) })),
      true,
    );
    const touches = added.map((id): ContactTouch => ({
      ownerId: id,
      ref: groupRef(groupId),
      peer: group,
      current: contacts.get(contactSlot(id, groupRef(groupId))),
      activityAt: now,
      groupStatus: FeatStatus.Created,
    }));
    if (added.length) await addGroupMembers(groupId, added, touches, await allocateContactIds(contactsCreated(touches)), now);
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
 * members (one transaction each), fixed on first delivery; each chunk is atomic and counted once.
 */
export async function ingestActivity(input: ActivityInput, now: number): Promise<ActivityResult> {
  const duplicate =
    input.toGroup === undefined ? await ingestDirect(input, input.toUser!, now) : await ingestGroup(input, input.toGroup, now);
  return { message_id: input.messageId, duplicate };
}

/** Records one chunk with fresh ids for the contacts it creates; false when it was recorded before. */
async function writeChunk(messageId: string, chunk: number, chunks: number, touches: ContactTouch[], now: number): Promise<boolean> {
  return recordChunk(messageId, chunk, chunks, touches, await allocateContactIds(contactsCreated(touches)), now);
}

/** A direct message: a relation change (`store/relations.ts`), both contacts touched, the receiver's unread count up by one. */
async function ingestDirect(input: ActivityInput, to: string, now: number): Promise<boolean> {
  if (to === input.from) throw new InvalidInputError('A message cannot go from a user to themselves.');
  return withOptimisticRetry(async () => {
    const read = await readMessagePair(input.messageId, input.from, to);
    if (read.seen) return true;
    const decision = messageDecision();
    const contactIds = await allocateContactIds(contactsCreatedBy(read.pair, decision));
    return (await saveRelation(read.pair, decision, { now, contactIds, messageId: input.messageId })) === 'duplicate';
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
    const split = memberChunks(members);
    plan = split.length > 1 ? await fixPlan(input.messageId, split, now) : split;
  }
  const chunks = plan;
  let wrote = false;
  for (const [index, memberIds] of chunks.entries()) {
    const written = await withOptimisticRetry(async () => {
      if ((await markersOf(input.messageId, [index])).has(index)) return false;
      const ref = groupRef(groupId);
      const contacts = await getContacts(
        memberIds.map((id) => ({ ownerId: id, ref })),
        true,
      );
      const touches = memberIds.map((id): ContactTouch => ({
        ownerId: id,
        ref,
        peer: group,
        current: contacts.get(contactSlot(id, ref)),
        activityAt: now,
        ...(id === input.from ? {} : { addUnread: 1 }),
        ...(contacts.has(contactSlot(id, ref)) ? {} : { groupStatus: FeatStatus.Created }),
      }));
      return writeChunk(input.messageId, index, chunks.length, touches, now);
    });
    wrote ||= written;
  }
  return !wrote;
}
