import { checkGroupName, GROUP_CHANGES_PER_CALL, groupLimitReached, groupMissing, MAX_GROUPS } from '../domain/conversation-limits.js';
import { withGroup, withoutGroup } from '../domain/conversation-marks.js';
import { ConversationPlan, type ItemOutcome } from '../domain/conversation-plan.js';
import { InvalidInputError } from '../errors.js';
import { conversationId, conversationWire, type ConversationItem } from '../schemas/tencent.js';
import { allocateIds, groupNamed, renameGroup, type ConversationGroup, type GroupsHeader } from '../store/conversation-groups.js';
import { recordsInGroup } from '../store/conversation-marks.js';
import { commitConversationWrites, readConversationState, RECORDS_PER_WRITE } from '../store/conversation-state.js';
import { withOptimisticRetry } from '../store/retry.js';
import { marksOf } from './conversation-marks.js';
import { groupItemView, resultFields, seconds } from './conversation-views.js';

/** One change to a group's conversations: ContactOptType 1 add, 2 remove. */
interface MemberChange {
  ContactOptType: 1 | 2;
  ContactItem: ConversationItem;
}

function checkChangeCount(count: number, field: string, min: number): void {
  if (count < min || count > GROUP_CHANGES_PER_CALL) {
    throw new InvalidInputError(`${field} must hold ${min} to ${GROUP_CHANGES_PER_CALL} conversations (got ${count}).`);
  }
}

const nameTaken = (name: string) => new InvalidInputError(`Conversation group "${name}" already exists.`);

/**
 * Adds conversations to, or removes them from, one group: read (consistent) the user, the header
 * and the records; apply in order (a group's 1,001st conversation, or the user's, gets 51008);
 * write records and header together, conditioned; on a lost race, again.
 */
async function changeMembers(
  me: string,
  findGroup: (header: GroupsHeader) => ConversationGroup | undefined,
  missingName: string,
  changes: readonly MemberChange[],
  now: number,
): Promise<{ group: ConversationGroup; outcomes: ItemOutcome[] }> {
  const ids = changes.map((change) => conversationId(change.ContactItem));
  return withOptimisticRetry(async () => {
    const state = await readConversationState(me, [...new Set(ids)], true);
    const group = findGroup(state.header);
    if (!group) throw groupMissing(missingName);
    const plan = new ConversationPlan(
      { stored: marksOf(state.records), conversationCount: state.header.conversationCount, groupSizes: new Map([[group.id, group.size]]) },
      seconds(now),
    );
    const outcomes = changes.map((change, index) =>
      plan.apply(ids[index]!, change.ContactItem, (marks) =>
        change.ContactOptType === 1 ? withGroup(marks, group.id) : withoutGroup(marks, group.id),
      ),
    );
    await commitConversationWrites(me, state.records, plan.writes());
    return { group, outcomes };
  });
}

/**
 * create_contact_group (docs/behaviour.md#marks-and-groups-tencent-im). Input: one group, name 1–32 bytes (51011), 0–100 conversations.
 * Steps: read the user, the header and the records; refuse a taken name (50002) or a 21st group
 * (51010); hand out the group id and record seqs (one update); write the group, its conversations
 * and the counts in one transaction whose header condition is `groupCount < 20` and the name still
 * free, so concurrent creates stop at exactly 20. A 100th conversation that does not fit that
 * transaction is added right after. Output: `GroupResultItem` with the new id and a result per
 * conversation.
 */
export async function createContactGroup(me: string, request: { GroupName: string; ContactItem?: ConversationItem[] }, now: number) {
  const name = request.GroupName;
  checkGroupName(name);
  const contacts = request.ContactItem ?? [];
  checkChangeCount(contacts.length, 'ContactItem', 0);
  const first = contacts.slice(0, RECORDS_PER_WRITE);
  const created = await withOptimisticRetry(async () => {
    const ids = first.map(conversationId);
    const state = await readConversationState(me, [...new Set(ids)], true);
    if (groupNamed(state.header, name)) throw nameTaken(name);
    if (state.header.groups.length >= MAX_GROUPS) throw groupLimitReached();
    const { groupId, firstSeq } = await allocateIds(me, { groupId: true, seqs: ids.length });
    const plan = new ConversationPlan(
      { stored: marksOf(state.records), conversationCount: state.header.conversationCount, groupSizes: new Map([[groupId, 0]]) },
      seconds(now),
    );
    const outcomes = first.map((contact, index) => plan.apply(ids[index]!, contact, (marks) => withGroup(marks, groupId)));
    await commitConversationWrites(me, state.records, plan.writes(), { createGroup: { id: groupId, name }, firstSeq });
    return { groupId, outcomes };
  });
  const rest = contacts.slice(RECORDS_PER_WRITE);
  const restOutcomes = rest.length
    ? (
        await changeMembers(
          me,
          (header) => header.groups.find((group) => group.id === created.groupId),
          name,
          rest.map((contact) => ({ ContactOptType: 1, ContactItem: contact })),
          now,
        )
      ).outcomes
    : [];
  const outcomes = [...created.outcomes, ...restOutcomes];
  return {
    GroupResultItem: [
      {
        GroupItem: { GroupName: name, GroupId: created.groupId },
        ResultItem: contacts.map((contact, index) => ({ ContactItem: conversationWire(contact), ...resultFields(outcomes[index]!) })),
      },
    ],
  };
}

type GroupUpdate =
  | { UpdateGroupType: 1; OldGroupName: string; NewGroupName: string }
  | { UpdateGroupType: 2; OldGroupName: string; ContactUpdateItem: MemberChange[] };

/**
 * update_contact_group (docs/behaviour.md#marks-and-groups-tencent-im), UpdateType 1. UpdateGroupType 1 renames (new name 1–32 bytes,
 * 51011; not taken, 50002): one conditional update of the header. UpdateGroupType 2 adds or removes
 * 1–100 conversations. A group that does not exist is 51009.
 */
export async function updateContactGroup(me: string, update: GroupUpdate, now: number) {
  const oldName = update.OldGroupName;
  if (update.UpdateGroupType === 1) {
    const newName = update.NewGroupName;
    checkGroupName(newName, 'NewGroupName');
    const group = await withOptimisticRetry(async () => {
      const { header } = await readConversationState(me, [], true);
      const found = groupNamed(header, oldName);
      if (!found) throw groupMissing(oldName);
      if (newName === oldName) return found;
      if (groupNamed(header, newName)) throw nameTaken(newName);
      await renameGroup(me, found, newName);
      return found;
    });
    return { UpdateType: 1, UpdateGroupResult: { UpdateGroupType: 1, OldGroupName: oldName, GroupName: newName, GroupId: group.id } };
  }
  checkChangeCount(update.ContactUpdateItem.length, 'ContactUpdateItem', 1);
  const { group, outcomes } = await changeMembers(me, (header) => groupNamed(header, oldName), oldName, update.ContactUpdateItem, now);
  return {
    UpdateType: 1,
    UpdateGroupResult: {
      UpdateGroupType: 2,
      GroupName: group.name,
      GroupId: group.id,
      ContactResultItem: update.ContactUpdateItem.map((change, index) => ({
        ContactOptType: change.ContactOptType,
        ContactItem: conversationWire(change.ContactItem),
        ...resultFields(outcomes[index]!),
      })),
    },
  };
}

/**
 * del_contact_group (docs/behaviour.md#marks-and-groups-tencent-im). Input: one group name; a missing group is 51009. Steps: read the
 * header; find the group's conversations (one consistent Query over my records); take the group id
 * off each (a conversation left with nothing is deleted) and, in the same transaction as the last
 * of them, remove the group on the condition that it holds nothing else, so an add that raced in
 * sends the whole delete round again. Output: `GroupItem` of the removed group.
 */
export async function delContactGroup(me: string, name: string, now: number) {
  const removed = await withOptimisticRetry(async () => {
    const { header } = await readConversationState(me, [], true);
    const group = groupNamed(header, name);
    if (!group) throw groupMissing(name);
    const members = await recordsInGroup(me, group.id);
    const plan = new ConversationPlan(
      { stored: marksOf(members), conversationCount: header.conversationCount, groupSizes: new Map([[group.id, group.size]]) },
      seconds(now),
    );
    for (const [id, record] of members) plan.apply(id, record.marks.conversation, (marks) => withoutGroup(marks, group.id));
    await commitConversationWrites(me, members, plan.writes(), { removeGroup: { id: group.id, name } });
    return group;
  });
  return { GroupItem: [groupItemView(removed)] };
}
