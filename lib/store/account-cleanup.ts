/**
 * The store side of a deleted account's clean-up (docs/account-deletion.md): bounded reads of what
 * names the user, and idempotent deletes of it. Every write here is safe to repeat, so a page cut
 * off half way is simply run again. Nothing here scans: other users' records are found through the
 * user's own rows (each names the other user), GSI2 (`markedPeerIndex`) and the groups' member rows.
 */
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GroupCard } from '../domain/contact.js';
import type { FriendEdge } from '../domain/friendship.js';
import { conversationSlot, refOfSlot } from '../domain/recent-contacts.js';
import { conversationId } from '../schemas/tencent.js';
import { batchGet, deleteItems, getFrom } from './batch.js';
import { db, tableName } from './client.js';
import { storedMarksOf } from './conversation-marks.js';
import { commitConversationWrites } from './conversation-state.js';
import { getItem } from './items.js';
import {
  BLOCK_PREFIX,
  BLOCKED_BY_PREFIX,
  CONTACTED_BY_PREFIX,
  FRIEND_PREFIX,
  GROUP_CONTACT_PREFIX,
  GROUP_MEMBER_PREFIX,
  idFromSk,
  keys,
  markedPeerIndex,
  PINNED_BY_PREFIX,
  USER_CONTACT_PREFIX,
  userPk,
  type Key,
} from './keys.js';
import type { PinnedItem } from './pinned.js';
import { GSI2 } from './table-definition.js';
import { withOptimisticRetry } from './retry.js';
import { unlessConditionFails } from './transact.js';

/** A Query position (`LastEvaluatedKey`), kept in the clean-up's page item between pages. */
export type Cursor = Record<string, unknown>;

export interface Paged<T> {
  items: T[];
  next?: Cursor;
}

async function query(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Paged<Record<string, unknown>>> {
  const out = await db().send(new QueryCommand({ TableName: tableName(), ...input }));
  return { items: (out.Items ?? []) as Record<string, unknown>[], next: out.LastEvaluatedKey };
}

/** One page of the user's own rows (every kind but the user record: a new one, if the id registered again, stays). */
export async function ownRows(userId: string, limit: number, cursor?: Cursor): Promise<Paged<Record<string, unknown> & Key>> {
  const page = await query({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': userPk(userId) },
    Limit: limit,
    ConsistentRead: true,
    ExclusiveStartKey: cursor,
  });
  const rows = page.items as Array<Record<string, unknown> & Key>;
  return { items: rows.filter((row) => row.sk !== keys.user(userId).sk), next: page.next };
}

/** One page of the chat groups the user is in (their group contacts). */
export async function groupIdsPage(userId: string, limit: number, cursor?: Cursor): Promise<Paged<number>> {
  const page = await query({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': GROUP_CONTACT_PREFIX },
    ProjectionExpression: 'sk',
    Limit: limit,
    ConsistentRead: true,
    ExclusiveStartKey: cursor,
  });
  return { items: page.items.map((item) => Number(idFromSk(item.sk as string, GROUP_CONTACT_PREFIX))), next: page.next };
}

/** The chat groups of these ids that the user created (their card names them as `creator`). */
export async function groupsCreatedBy(userId: string, groupIds: readonly number[]): Promise<number[]> {
  const found = await batchGet<GroupCard>(
    groupIds.map((id) => keys.group(id)),
    { consistent: true },
  );
  return groupIds.filter((id) => getFrom(found, keys.group(id))?.creator === userId);
}

/** One page of a chat group's member ids. */
export async function memberIdsPage(groupId: number, limit: number, cursor?: Cursor): Promise<Paged<string>> {
  const page = await query({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.group(groupId).pk, ':prefix': GROUP_MEMBER_PREFIX },
    ProjectionExpression: 'sk',
    Limit: limit,
    ConsistentRead: true,
    ExclusiveStartKey: cursor,
  });
  return { items: page.items.map((item) => idFromSk(item.sk as string, GROUP_MEMBER_PREFIX)), next: page.next };
}

/** The update blanking a group card's creator at `path` while it still names the user. */
function creatorCleared(key: Key, path: string, userId: string) {
  return new UpdateCommand({
    TableName: tableName(),
    Key: key,
    UpdateExpression: `SET ${path}.creator = :blank, ${path}.creatorFullname = :blank`,
    ConditionExpression: `${path}.creator = :me`,
    ExpressionAttributeValues: { ':blank': '', ':me': userId },
  });
}

/** A member's group contact stops naming the user as the group's creator (its card copy). */
export async function clearCreatorOnContact(memberId: string, groupId: number, userId: string): Promise<void> {
  await unlessConditionFails(db().send(creatorCleared(keys.contact(memberId, 'group', String(groupId)), 'peer', userId)));
}

/**
 * The group itself stops naming the user: its card's creator is blanked and their membership goes.
 * Run after every member's card copy is blanked (the card is what tells a re-run the fan-out is due).
 */
export async function leaveCreatedGroup(groupId: number, userId: string): Promise<void> {
  const group = keys.group(groupId);
  await unlessConditionFails(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: group,
        UpdateExpression: 'SET creator = :blank, creatorFullname = :blank',
        ConditionExpression: 'creator = :me',
        ExpressionAttributeValues: { ':blank': '', ':me': userId },
      }),
    ),
  );
  await leaveGroup(groupId, userId);
}

export async function leaveGroup(groupId: number, userId: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.groupMember(groupId, userId) }));
}

/** One page of the owners of C2C conversation marks naming the user (GSI2, eventually consistent). */
export async function markHoldersPage(userId: string, limit: number, cursor?: Cursor): Promise<Paged<string>> {
  const page = await query({
    IndexName: GSI2.name,
    KeyConditionExpression: `${GSI2.partitionKey} = :pk`,
    ExpressionAttributeValues: { ':pk': markedPeerIndex.pk(userId) },
    ProjectionExpression: 'pk',
    Limit: limit,
    ExclusiveStartKey: cursor,
  });
  return { items: page.items.map((item) => idFromSk(item.pk as string, userPk(''))), next: page.next };
}

/**
 * Deletes a holder's marks record of the conversation with the user, with the header's counts
 * (conversations, each group's size) in the same transaction, conditioned on the revision read.
 */
export async function removeMarksOfPeer(holderId: string, userId: string): Promise<void> {
  const id = conversationId({ Type: 1, To_Account: userId });
  await withOptimisticRetry(async () => {
    const item = await getItem<Record<string, unknown>>(keys.conversationMarks(holderId, id), true);
    if (!item) return;
    const stored = storedMarksOf(item);
    await commitConversationWrites(holderId, new Map([[id, stored]]), [{ id, before: stored.marks }]);
  });
}

/** Takes the user's C2C conversation out of a holder's pinned set (attached or detached). */
async function unpinPeer(holderId: string, userId: string): Promise<void> {
  const slot = conversationSlot({ kind: 'user', peerId: userId });
  await unlessConditionFails(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.pinnedConversations(holderId),
        UpdateExpression: 'DELETE pinned :slots, detached :slots',
        ConditionExpression: 'contains(pinned, :slot)',
        ExpressionAttributeValues: { ':slots': new Set([slot]), ':slot': slot },
      }),
    ),
  );
}

/** Deletes a holder's friend-by-phone row while it still points at the user. */
async function dropFriendPhoneOf(holderId: string, phone: string, userId: string): Promise<void> {
  await unlessConditionFails(
    db().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.friendPhone(holderId, phone),
        ConditionExpression: 'friendId = :me',
        ExpressionAttributeValues: { ':me': userId },
      }),
    ),
  );
}

/**
 * Removes everything in a holder's partition that names the user, by key: their edge to the user
 * (and its friend-by-phone row), blacklist entries and reverse rows both ways, their contact of the
 * user and the reverse rows of the user's contact and pins, their marks of the conversation with
 * the user (with the header's counts) and the user's slot in their pinned set. One consistent
 * BatchGetItem, then deletes of what is there. The friend-by-phone row is keyed by the user's phone
 * as the deleted record held it (`phone`) and as the edge's card holds it; the edge goes last, so a
 * run cut off before the end still finds that card.
 */
export async function purgeHolder(holderId: string, userId: string, phone?: string): Promise<void> {
  const plain = [
    keys.block(holderId, userId),
    keys.blockedBy(holderId, userId),
    keys.contact(holderId, 'user', userId),
    keys.contactedBy(holderId, userId),
    keys.pinnedBy(holderId, userId),
  ];
  const edgeKey = keys.friendEdge(holderId, userId);
  const marksKey = keys.conversationMarks(holderId, conversationId({ Type: 1, To_Account: userId }));
  const pinnedKey = keys.pinnedConversations(holderId);
  const found = await batchGet<Record<string, unknown>>([edgeKey, marksKey, pinnedKey, ...plain], { consistent: true });
  const edge = getFrom(found, edgeKey) as FriendEdge | undefined;
  const pinned = getFrom(found, pinnedKey) as PinnedItem | undefined;
  const phones = [...new Set([phone, edge?.peer?.phone].filter((value): value is string => Boolean(value)))];
  await Promise.all([
    ...phones.map((value) => dropFriendPhoneOf(holderId, value, userId)),
    getFrom(found, marksKey) ? removeMarksOfPeer(holderId, userId) : undefined,
    pinned?.pinned?.has(conversationSlot({ kind: 'user', peerId: userId })) ? unpinPeer(holderId, userId) : undefined,
    deleteItems(plain.filter((key) => getFrom(found, key))),
  ]);
  if (edge) await deleteItems([edgeKey]);
}

/** Deletes rows of the user's own partition. */
export async function deleteRows(rows: readonly Key[]): Promise<void> {
  await deleteItems(rows.map(({ pk, sk }) => ({ pk, sk })));
}

/**
 * Hands the clean-up's next page to the stream: the page item is written and deleted at once, and
 * its REMOVE record (its old image: `job`) is what the stream delivers to run that page. Two writes
 * per page, and no item left behind.
 */
export async function handOverPage(userId: string, job: Record<string, unknown>): Promise<void> {
  const key = keys.accountDeletion(userId);
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...key, type: 'ACCOUNT_DELETION', ...job } }));
  await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
}

/** Row kinds of a user's partition whose sort key ends with the id of another user whose partition names them. */
const PEER_PREFIXES = [FRIEND_PREFIX, BLOCK_PREFIX, BLOCKED_BY_PREFIX, USER_CONTACT_PREFIX, CONTACTED_BY_PREFIX, PINNED_BY_PREFIX];

/** The other users whose partitions may name the owner of this row. */
export function holdersNamedBy(row: Record<string, unknown> & { sk: string }): string[] {
  if (row.sk === keys.pinnedConversations('').sk) {
    const slots = [...((row.pinned as Set<string> | undefined) ?? [])].map(refOfSlot);
    return slots.filter((ref) => ref.kind === 'user').map((ref) => ref.peerId);
  }
  const prefix = PEER_PREFIXES.find((candidate) => row.sk.startsWith(candidate));
  return prefix ? [row.sk.slice(prefix.length)] : [];
}
