/**
 * FeatAPI chat groups: `GROUP#<id>/GROUP` (the group card) and `GROUP#<id>/MEMBER#<userId>`.
 * Each member also has a group contact (`store/contacts.ts`), made in the same transaction as
 * the membership.
 */
import type { GroupCard } from '../domain/contact.js';
import { batchGet, getFrom } from './batch.js';
import { tableName } from './client.js';
import { getItem, queryAll, withoutKeys } from './items.js';
import { GROUP_MEMBER_PREFIX, idFromSk, keys } from './keys.js';
import { contactTouchItems, type ContactTouch } from './contacts.js';
import { transactWrite, type TransactItem } from './transact.js';

export async function getGroup(groupId: number, consistent = false): Promise<GroupCard | undefined> {
  const item = await getItem<GroupCard>(keys.group(groupId), consistent);
  return item && withoutKeys<GroupCard>(item);
}

/** Every member id, in id order: one Query per 1 MB page (keys only). */
export async function listMemberIds(groupId: number): Promise<string[]> {
  const options = { ProjectionExpression: 'sk', ConsistentRead: true };
  const items = await queryAll<{ sk: string }>(keys.group(groupId).pk, GROUP_MEMBER_PREFIX, options);
  return items.map((item) => idFromSk(item.sk, GROUP_MEMBER_PREFIX));
}

/** Which of these users are members (consistent, one wave). */
export async function membersAmong(groupId: number, userIds: readonly string[]): Promise<Set<string>> {
  const found = await batchGet(
    userIds.map((id) => keys.groupMember(groupId, id)),
    { consistent: true },
  );
  return new Set(userIds.filter((id) => getFrom(found, keys.groupMember(groupId, id)) !== undefined));
}

/** Creates a group with its members and their group contacts (`touches`, created with `contactIds`), in one transaction. */
export async function createGroupWithMembers(
  group: GroupCard,
  memberIds: readonly string[],
  touches: readonly ContactTouch[],
  contactIds: readonly number[],
  now: number,
): Promise<void> {
  const members = memberIds.map((id) => memberPutItem(group.id, id, now));
  await transactWrite([groupPutItem(group), ...members, ...contactTouchItems(touches, now, contactIds)]);
}

/** Adds members (not members when read) with their group contacts, in one transaction held to the group existing. */
export async function addGroupMembers(
  groupId: number,
  memberIds: readonly string[],
  touches: readonly ContactTouch[],
  contactIds: readonly number[],
  now: number,
): Promise<void> {
  const members = memberIds.map((id) => memberPutItem(groupId, id, now));
  await transactWrite([groupExistsCheck(groupId), ...members, ...contactTouchItems(touches, now, contactIds)]);
}

function groupPutItem(group: GroupCard): TransactItem {
  const item = { ...keys.group(group.id), type: 'GROUP', ...group };
  return { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

function memberPutItem(groupId: number, userId: string, now: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.groupMember(groupId, userId), type: 'GROUP_MEMBER', groupId, userId, joinedAt: now },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

function groupExistsCheck(groupId: number): TransactItem {
  return { ConditionCheck: { TableName: tableName(), Key: keys.group(groupId), ConditionExpression: 'attribute_exists(pk)' } };
}
