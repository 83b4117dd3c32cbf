import { standardMarkToWire, type ConversationMarks } from '../domain/conversation-marks.js';
import type { ItemOutcome } from '../domain/conversation-plan.js';
import { conversationWire } from '../schemas/tencent.js';
import type { ConversationGroup } from '../store/conversation-groups.js';

/** Tencent's wire shapes of conversation marks and groups (get_contact_group, search_contact_group). */

export interface ContactMarkView {
  Type: 1 | 2;
  To_Account?: string;
  ToGroupId?: string;
  StandardMark: string;
  CustomMark?: string;
  ContactGroupId?: number[];
  Timestamp: number;
}

/**
 * One conversation as Tencent shows it: StandardMark always (the binary string, "0" when no bit is
 * set); CustomMark and ContactGroupId only when they hold something, as in Tencent's own examples.
 * Group ids are shown only for groups in `groups` (the header just read), so the ids always name
 * a group of the same answer.
 */
export function contactMarkView(marks: ConversationMarks, groups: readonly ConversationGroup[]): ContactMarkView {
  const groupIds = marks.groupIds.filter((id) => groups.some((group) => group.id === id));
  return {
    ...conversationWire(marks.conversation),
    StandardMark: standardMarkToWire(marks.standardMark),
    ...(marks.customMark ? { CustomMark: marks.customMark } : {}),
    ...(groupIds.length ? { ContactGroupId: groupIds } : {}),
    Timestamp: marks.updatedAt,
  };
}

export function groupItemView(group: ConversationGroup): { GroupName: string; GroupId: number } {
  return { GroupName: group.name, GroupId: group.id };
}

/** Per-item result fields: `ResultCode` 0 or Tencent's code, `ResultInfo` "" or why. */
export function resultFields(outcome: ItemOutcome): ItemOutcome {
  return { ResultCode: outcome.ResultCode, ResultInfo: outcome.ResultInfo };
}

export const seconds = (ms: number) => Math.floor(ms / 1000);
