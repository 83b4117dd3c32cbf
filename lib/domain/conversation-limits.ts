import { ConversationRuleError } from '../errors.js';
import { byteCount } from '../schemas/common.js';

/**
 * Tencent's limits on conversation marks and groups, and the rules with their own codes
 * (docs/behaviour.md#marks-and-groups-tencent-im).
 */

/** MarkItem per mark_contact call (51006). */
export const MARKS_PER_CALL = 100;
/** Conversations per search_contact_group call. */
export const SEARCH_MAX = 300;
/** Groups per user (51010). */
export const MAX_GROUPS = 20;
/** Group name length in UTF-8 bytes (51011). */
export const GROUP_NAME_MAX_BYTES = 32;
/** Conversations in one group (51008). */
export const MAX_PER_GROUP = 1000;
/** Marked or grouped conversations of one user, all together (51008). */
export const MAX_CONVERSATIONS = 1000;
/** CustomMark length in UTF-8 bytes. */
export const CUSTOM_MARK_MAX_BYTES = 256;
/** Conversations one create_contact_group or update_contact_group call may name (Tencent: "up to 100"). */
export const GROUP_CHANGES_PER_CALL = 100;
/** Conversations per get_contact_group page. */
export const PAGE_SIZE = 100;

export function checkMarkCount(count: number): void {
  if (count < 1 || count > MARKS_PER_CALL) {
    throw new ConversationRuleError(51006, `MarkItem must hold 1 to ${MARKS_PER_CALL} conversations (got ${count}).`);
  }
}

export function checkGroupName(name: string, field = 'GroupName'): void {
  const bytes = byteCount(name);
  if (bytes < 1 || bytes > GROUP_NAME_MAX_BYTES) {
    throw new ConversationRuleError(51011, `${field} must be 1 to ${GROUP_NAME_MAX_BYTES} bytes long (got ${bytes}).`);
  }
}

export function groupLimitReached(): ConversationRuleError {
  return new ConversationRuleError(51010, `A user can have at most ${MAX_GROUPS} conversation groups.`);
}

export function groupMissing(name: string): ConversationRuleError {
  return new ConversationRuleError(51009, `Conversation group "${name}" does not exist.`);
}
