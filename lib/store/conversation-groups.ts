import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_CONVERSATIONS, MAX_GROUPS, MAX_PER_GROUP } from '../domain/conversation-limits.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';
import type { TransactItem } from './transact.js';

/**
 * The header of a user's conversation groups (`USER#<me>` / `CONVGROUPS`): every group (id, name,
 * size), the name index that keeps names unique, and the counts the limits are checked against.
 * Every change that could break a limit writes this item with a condition that states the limit
 * (`groupCount < 20`, `convCount <= 1000 - added`, `groups.<id>.size <= 1000 - added`), in the same
 * transaction as the records it counts. Those conditions commute, so concurrent calls never
 * overshoot and never starve one another: each either fits or is refused.
 */
interface GroupsHeaderItem {
  pk: string;
  sk: string;
  type: 'CONVGROUPS';
  /** Stored conversation-marks records. */
  convCount?: number;
  groupCount?: number;
  /** Group ids and record seqs handed out so far (never reused). */
  lastGroupId?: number;
  lastSeq?: number;
  /** Group id (as text) → name and size. */
  groups?: Record<string, { name: string; size: number }>;
  /** Group name → id: makes names unique per user. */
  names?: Record<string, number>;
}

export interface ConversationGroup {
  id: number;
  name: string;
  size: number;
}

export interface GroupsHeader {
  conversationCount: number;
  /** By id, ascending. */
  groups: ConversationGroup[];
}

export function groupsHeaderOf(item: Record<string, unknown> | undefined): GroupsHeader {
  const header = (item ?? {}) as Partial<GroupsHeaderItem>;
  const groups = Object.entries(header.groups ?? {})
    .map(([id, group]) => ({ id: Number(id), name: group.name, size: group.size }))
    .sort((a, b) => a.id - b.id);
  return { conversationCount: header.convCount ?? 0, groups };
}

export function groupNamed(header: GroupsHeader, name: string): ConversationGroup | undefined {
  return header.groups.find((group) => group.name === name);
}

/**
 * Hands out a group id and/or a run of record seqs (an unconditional `ADD`, so concurrent calls
 * never collide; an id or seq of a call that is then refused is simply skipped). Also gives the
 * header its two maps, so that later writes can address `groups.<id>` and `names.<name>`.
 */
export async function allocateIds(me: string, want: { groupId: boolean; seqs: number }): Promise<{ groupId: number; firstSeq: number }> {
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.conversationGroups(me),
      UpdateExpression:
        'SET #type = :type, #groups = if_not_exists(#groups, :empty), #names = if_not_exists(#names, :empty) ADD lastGroupId :groupIds, lastSeq :seqs',
      ExpressionAttributeNames: { '#type': 'type', '#groups': 'groups', '#names': 'names' },
      ExpressionAttributeValues: { ':type': 'CONVGROUPS', ':empty': {}, ':groupIds': want.groupId ? 1 : 0, ':seqs': want.seqs },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const attributes = (out.Attributes ?? {}) as Partial<GroupsHeaderItem>;
  return { groupId: attributes.lastGroupId ?? 0, firstSeq: (attributes.lastSeq ?? 0) - want.seqs + 1 };
}

/** What one write of records does to the header. */
export interface HeaderChange {
  /** Change in stored records. */
  conversations: number;
  /** Change in each group's size. */
  groups: ReadonlyMap<number, number>;
  /** A group made by this write (its size is this write's change to it). */
  createGroup?: { id: number; name: string };
  /** A group removed by this write: it must hold exactly the conversations this write takes out of it. */
  removeGroup?: { id: number; name: string };
}

/** Builds an update expression with generated placeholders for map keys (ids, names) and values. */
class ExpressionBuilder {
  readonly sets: string[] = [];
  readonly adds: string[] = [];
  readonly removes: string[] = [];
  readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private count = 0;

  /** An attribute or map-key name by placeholder (keeps reserved words such as NAME, SIZE and GROUPS out of expressions). */
  attr(text: string): string {
    const placeholder = `#${text}`;
    this.names[placeholder] = text;
    return placeholder;
  }

  /** A map key (a group id or name, any text) by placeholder. */
  name(text: string): string {
    const placeholder = `#k${this.count++}`;
    this.names[placeholder] = text;
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.count++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  expression(): string {
    return [
      this.sets.length ? `SET ${this.sets.join(', ')}` : '',
      this.removes.length ? `REMOVE ${this.removes.join(', ')}` : '',
      this.adds.length ? `ADD ${this.adds.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
}

/** The header's part of a write, with the limit conditions it must meet; undefined when the write does not touch the header. */
export function headerChangeItem(me: string, change: HeaderChange): TransactItem | undefined {
  const x = new ExpressionBuilder();
  const groupPath = (id: number) => `${x.attr('groups')}.${x.name(String(id))}`;
  const namePath = (name: string) => `${x.attr('names')}.${x.name(name)}`;
  const groupCount = () => x.attr('groupCount');
  if (change.conversations !== 0) {
    const convCount = x.attr('convCount');
    x.adds.push(`${convCount} ${x.value(change.conversations)}`);
    if (change.conversations > 0) {
      x.conditions.push(`(attribute_not_exists(${convCount}) OR ${convCount} <= ${x.value(MAX_CONVERSATIONS - change.conversations)})`);
    }
  }
  for (const [id, delta] of change.groups) {
    if (id === change.createGroup?.id || id === change.removeGroup?.id) continue;
    const size = `${groupPath(id)}.${x.attr('size')}`;
    x.sets.push(`${size} = ${size} + ${x.value(delta)}`);
    // a group deleted meanwhile fails the condition: the caller re-reads and answers 51009
    x.conditions.push(delta > 0 ? `${size} <= ${x.value(MAX_PER_GROUP - delta)}` : `attribute_exists(${size})`);
  }
  if (change.createGroup) {
    const { id, name } = change.createGroup;
    x.sets.push(`${groupPath(id)} = ${x.value({ name, size: change.groups.get(id) ?? 0 })}`, `${namePath(name)} = ${x.value(id)}`);
    x.adds.push(`${groupCount()} ${x.value(1)}`);
    x.conditions.push(
      `(attribute_not_exists(${groupCount()}) OR ${groupCount()} < ${x.value(MAX_GROUPS)})`,
      `attribute_not_exists(${namePath(name)})`,
    );
  }
  if (change.removeGroup) {
    const { id, name } = change.removeGroup;
    x.removes.push(groupPath(id), namePath(name));
    x.adds.push(`${groupCount()} ${x.value(-1)}`);
    x.conditions.push(
      `${groupPath(id)}.${x.attr('size')} = ${x.value(-(change.groups.get(id) ?? 0))}`,
      `${namePath(name)} = ${x.value(id)}`,
    );
  }
  const expression = x.expression();
  if (!expression) return undefined;
  return {
    Update: {
      TableName: tableName(),
      Key: keys.conversationGroups(me),
      UpdateExpression: expression,
      ...(x.conditions.length ? { ConditionExpression: x.conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: Object.keys(x.names).length ? x.names : undefined,
      ExpressionAttributeValues: x.values,
    },
  };
}

/** Renames a group: one conditional update (the old name still maps to the group, the new one is free). */
export async function renameGroup(me: string, group: ConversationGroup, newName: string): Promise<void> {
  const x = new ExpressionBuilder();
  const oldKey = `${x.attr('names')}.${x.name(group.name)}`;
  const newKey = `${x.attr('names')}.${x.name(newName)}`;
  const id = x.value(group.id);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.conversationGroups(me),
      UpdateExpression: `REMOVE ${oldKey} SET ${newKey} = ${id}, ${x.attr('groups')}.${x.name(String(group.id))}.${x.attr('name')} = ${x.value(newName)}`,
      ConditionExpression: `${oldKey} = ${id} AND attribute_not_exists(${newKey})`,
      ExpressionAttributeNames: x.names,
      ExpressionAttributeValues: x.values,
    }),
  );
}
