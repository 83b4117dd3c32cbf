import { checkMarkCount, PAGE_SIZE } from '../domain/conversation-limits.js';
import { applyMarkChange, type ConversationMarks } from '../domain/conversation-marks.js';
import { ConversationPlan } from '../domain/conversation-plan.js';
import type { MarkItemInput } from '../schemas/conversation-groups.js';
import { conversationId, conversationWire, type ConversationItem } from '../schemas/tencent.js';
import type { StoredMarks } from '../store/conversation-marks.js';
import { marksPage } from '../store/conversation-marks.js';
import { commitConversationWrites, readConversationState } from '../store/conversation-state.js';
import { withOptimisticRetry } from '../store/retry.js';
import { contactMarkView, groupItemView, resultFields, seconds } from './conversation-views.js';

/** The marks of stored records, as a plan starts from them. */
export function marksOf(records: ReadonlyMap<string, StoredMarks>): Map<string, ConversationMarks> {
  return new Map([...records].map(([id, record]) => [id, record.marks]));
}

/**
 * mark_contact (docs/behaviour.md#marks-and-groups-tencent-im). Input: 1–100 MarkItems (else 51006). Steps: read the user, the header and
 * the named records in one consistent wave; apply the items in order (a conversation that would be
 * the user's 1,001st gets ResultCode 51008); write the changed records and the header's count in
 * one transaction (two for 100 new records), conditioned on what was read; on a lost race, again.
 * Output: `ResultItem` per MarkItem, in order.
 */
export async function markContact(me: string, items: readonly MarkItemInput[], now: number) {
  checkMarkCount(items.length);
  const ids = items.map((item) => conversationId(item.ContactItem));
  return withOptimisticRetry(async () => {
    const state = await readConversationState(me, [...new Set(ids)], true);
    const plan = new ConversationPlan(
      { stored: marksOf(state.records), conversationCount: state.header.conversationCount, groupSizes: new Map() },
      seconds(now),
    );
    const outcomes = items.map((item, index) => plan.apply(ids[index]!, item.ContactItem, (marks) => applyMarkChange(marks, item)));
    await commitConversationWrites(me, state.records, plan.writes());
    return {
      ResultItem: items.map((item, index) => ({
        OptType: item.OptType,
        ContactItem: conversationWire(item.ContactItem),
        ...resultFields(outcomes[index]!),
      })),
    };
  });
}

/**
 * search_contact_group (docs/behaviour.md#marks-and-groups-tencent-im; Tencent's example answered exactly:
 * docs/api-tencent.md#search_contact_group-example). Input: 1–300 conversations. One parallel wave of
 * BatchGetItem (user, header, records). Output: the conversations that hold marks or groups, in
 * the order asked (each once), and the groups they belong to.
 */
export async function searchContactGroup(me: string, conversations: readonly ConversationItem[]) {
  const ids = [...new Set(conversations.map(conversationId))];
  const { header, records } = await readConversationState(me, ids, false);
  const found = ids.map((id) => records.get(id)).filter((record): record is StoredMarks => record !== undefined);
  const referenced = new Set(found.flatMap((record) => record.marks.groupIds));
  return {
    ContactResultItem: found.map((record) => contactMarkView(record.marks, header.groups)),
    GroupItem: header.groups.filter((group) => referenced.has(group.id)).map(groupItemView),
  };
}

/**
 * get_contact_group (docs/behaviour.md#marks-and-groups-tencent-im). Input: StartIndex (0, then the previous NextStartIndex). One round
 * trip: a Query page of GSI1 in the order conversations were first stored, beside the BatchGet of
 * the user and the header. Output: the page, every group, CompleteFlag 1 on the last page
 * (NextStartIndex 0 there).
 */
export async function getContactGroup(me: string, startIndex: number) {
  const [{ header }, page] = await Promise.all([readConversationState(me, [], false), marksPage(me, startIndex, PAGE_SIZE)]);
  const last = page.records.at(-1);
  return {
    ContactItem: page.records.map((record) => contactMarkView(record.marks, header.groups)),
    GroupItem: header.groups.map(groupItemView),
    CompleteFlag: page.more ? 0 : 1,
    NextStartIndex: page.more && last ? last.seq : 0,
  };
}
