import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { markBits, markFromBits, onlyAdds, type ConversationMarks } from '../domain/conversation-marks.js';
import type { ConversationItem } from '../schemas/tencent.js';
import { db, tableName } from './client.js';
import { queryAll } from './items.js';
import { conversationMarksIndex, CONVERSATION_MARKS_PREFIX, idFromSk, keys, markedPeerIndex, userPk } from './keys.js';
import { GSI1 } from './table-definition.js';
import type { TransactItem } from './transact.js';

/**
 * Conversation-marks records (`USER#<me>` / `CONVMARK#<conversationId>`): one per conversation that
 * holds a mark, a custom mark or a group. The set bits of StandardMark and the group ids are number
 * sets, so that a change that only adds (sets a bit, joins a group) is a commutative `ADD` that
 * concurrent calls cannot lose; a change that takes something away is written whole, conditioned
 * on the revision (`rev`) it read, so a conversation left with nothing is always deleted. `seq`
 * orders the records for get_contact_group's pages (GSI1). A C2C record is also in GSI2 under the
 * account it names (`markedPeerIndex`), so that account's deletion finds it.
 */
interface ConversationMarksItem {
  pk: string;
  sk: string;
  type: 'CONVMARK';
  gsi1pk: string;
  gsi1sk: string;
  /** C2C records only: `markedPeerIndex.pk(To_Account)`. */
  gsi2pk?: string;
  seq: number;
  rev: number;
  convType: 1 | 2;
  /** To_Account (C2C) or ToGroupId (group). */
  peer: string;
  /** Set bits of StandardMark (absent when none: DynamoDB has no empty sets). */
  markBits?: Set<number>;
  customMark?: string;
  groupIds?: Set<number>;
  updatedAt: number;
}

/** A record as read: the marks, and what a change must carry over or condition on. */
export interface StoredMarks {
  marks: ConversationMarks;
  seq: number;
  rev: number;
}

function conversationOf(item: Pick<ConversationMarksItem, 'convType' | 'peer'>): ConversationItem {
  return item.convType === 1 ? { Type: 1, To_Account: item.peer } : { Type: 2, ToGroupId: item.peer };
}

export function storedMarksOf(item: Record<string, unknown>): StoredMarks {
  const record = item as unknown as ConversationMarksItem;
  return {
    seq: record.seq,
    rev: record.rev,
    marks: {
      conversation: conversationOf(record),
      standardMark: markFromBits(record.markBits ?? []),
      customMark: record.customMark ?? '',
      groupIds: [...(record.groupIds ?? [])].map(Number).sort((a, b) => a - b),
      updatedAt: record.updatedAt,
    },
  };
}

const numberSet = (values: readonly number[]) => (values.length ? new Set(values) : undefined);

function toItem(me: string, conversationId: string, marks: ConversationMarks, seq: number, rev: number): ConversationMarksItem {
  const { conversation } = marks;
  const bits = numberSet(markBits(marks.standardMark));
  const groupIds = numberSet(marks.groupIds);
  return {
    ...keys.conversationMarks(me, conversationId),
    type: 'CONVMARK',
    gsi1pk: conversationMarksIndex.pk(me),
    gsi1sk: conversationMarksIndex.sk(seq),
    ...(conversation.Type === 1 ? { gsi2pk: markedPeerIndex.pk(conversation.To_Account) } : {}),
    seq,
    rev,
    convType: conversation.Type,
    peer: conversation.Type === 1 ? conversation.To_Account : conversation.ToGroupId,
    ...(bits ? { markBits: bits } : {}),
    ...(marks.customMark ? { customMark: marks.customMark } : {}),
    ...(groupIds ? { groupIds } : {}),
    updatedAt: marks.updatedAt,
  };
}

/**
 * Adds bits and groups (and sets the custom mark) without reading them back: only the record's
 * existence and, per group joined, that it was not joined meanwhile (the group's size counts it
 * once) are conditions.
 */
function additionItem(me: string, conversationId: string, before: ConversationMarks, after: ConversationMarks): TransactItem {
  const newBits = markBits(after.standardMark & ~before.standardMark);
  const newGroups = after.groupIds.filter((id) => !before.groupIds.includes(id));
  const adds = ['#rev :one'];
  const sets = ['#updatedAt = :updatedAt'];
  const conditions = ['attribute_exists(pk)'];
  const values: Record<string, unknown> = { ':one': 1, ':updatedAt': after.updatedAt };
  const names: Record<string, string> = { '#rev': 'rev', '#updatedAt': 'updatedAt' };
  if (newBits.length) {
    adds.push('#markBits :bits');
    names['#markBits'] = 'markBits';
    values[':bits'] = new Set(newBits);
  }
  if (newGroups.length) {
    adds.push('#groupIds :groups');
    names['#groupIds'] = 'groupIds';
    values[':groups'] = new Set(newGroups);
    newGroups.forEach((id, index) => {
      conditions.push(`NOT contains(#groupIds, :g${index})`);
      values[`:g${index}`] = id;
    });
  }
  if (after.customMark !== before.customMark) {
    sets.push('#customMark = :customMark');
    names['#customMark'] = 'customMark';
    values[':customMark'] = after.customMark;
  }
  return {
    Update: {
      TableName: tableName(),
      Key: keys.conversationMarks(me, conversationId),
      UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The transaction item of one planned change: a new record (only if still absent); an addition
 * (commutative, see above); or, when something is taken away, the whole record or its deletion,
 * only if still at the revision read.
 */
export function marksWriteItem(
  me: string,
  conversationId: string,
  change: { stored?: StoredMarks; after?: ConversationMarks; newSeq?: number },
): TransactItem {
  const { stored, after } = change;
  if (!stored) {
    if (!after || change.newSeq === undefined) throw new Error('a new conversation record needs its state and a seq');
    return {
      Put: {
        TableName: tableName(),
        Item: toItem(me, conversationId, after, change.newSeq, 1),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }
  if (after && onlyAdds(stored.marks, after)) return additionItem(me, conversationId, stored.marks, after);
  const guard = { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': stored.rev } };
  if (!after) return { Delete: { TableName: tableName(), Key: keys.conversationMarks(me, conversationId), ...guard } };
  return { Put: { TableName: tableName(), Item: toItem(me, conversationId, after, stored.seq, stored.rev + 1), ...guard } };
}

/** Every record of mine that holds a group: a consistent Query over my records, filtered (≤ 1,000 small records, no index needed). */
export async function recordsInGroup(me: string, groupId: number): Promise<Map<string, StoredMarks>> {
  const items = await queryAll<Record<string, unknown> & { sk: string }>(userPk(me), CONVERSATION_MARKS_PREFIX, {
    FilterExpression: 'contains(groupIds, :groupId)',
    ExpressionAttributeValues: { ':groupId': groupId },
    ConsistentRead: true,
  });
  return new Map(items.map((item) => [idFromSk(item.sk, CONVERSATION_MARKS_PREFIX), storedMarksOf(item)]));
}

/** One page of my records in the order they were first stored, after `afterSeq`; `more` tells whether another page follows. */
export async function marksPage(me: string, afterSeq: number, size: number): Promise<{ records: StoredMarks[]; more: boolean }> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: GSI1.name,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after',
      ExpressionAttributeValues: { ':pk': conversationMarksIndex.pk(me), ':after': conversationMarksIndex.sk(afterSeq) },
      // one more than a page, so that the last page says so itself (CompleteFlag) without an empty extra call
      Limit: size + 1,
    }),
  );
  const records = (out.Items ?? []).map((item) => storedMarksOf(item));
  return { records: records.slice(0, size), more: records.length > size };
}
