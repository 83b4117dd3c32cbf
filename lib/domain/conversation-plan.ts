import { MAX_CONVERSATIONS, MAX_PER_GROUP } from './conversation-limits.js';
import { emptyMarks, isEmpty, sameMarks, type ConversationMarks } from './conversation-marks.js';
import type { ConversationItem } from '../schemas/tencent.js';

/** The outcome of one item of a call: Tencent's per-item `ResultCode` and `ResultInfo`. */
export interface ItemOutcome {
  ResultCode: 0 | 51008;
  ResultInfo: string;
}

/** One stored conversation to write: `before` as read (absent: new), `after` as planned (absent: delete). */
export interface ConversationWrite {
  id: string;
  before?: ConversationMarks;
  after?: ConversationMarks;
}

export interface PlanStart {
  /** The stored state of every conversation the call names (undefined: nothing stored). */
  stored: ReadonlyMap<string, ConversationMarks | undefined>;
  /** Stored conversations of the user, all together. */
  conversationCount: number;
  /** Current sizes of the groups the call may add to. */
  groupSizes: ReadonlyMap<number, number>;
}

const OK: ItemOutcome = { ResultCode: 0, ResultInfo: '' };

/**
 * Applies a call's items in order to the conversations as read, keeping the user's limits as it
 * goes: an item that would store a 1,001st conversation, or put a 1,001st into a group, is refused
 * with 51008 and changes nothing; the items before and after it still apply. Pure: the store
 * writes what `writes()` returns, conditioned so the limits also hold against concurrent calls.
 */
export class ConversationPlan {
  private readonly current = new Map<string, ConversationMarks | undefined>();
  private conversationCount: number;
  private readonly groupSizes: Map<number, number>;

  constructor(
    private readonly start: PlanStart,
    private readonly nowSeconds: number,
  ) {
    this.conversationCount = start.conversationCount;
    this.groupSizes = new Map(start.groupSizes);
  }

  private stateOf(id: string): ConversationMarks | undefined {
    return this.current.has(id) ? this.current.get(id) : this.start.stored.get(id);
  }

  apply(id: string, conversation: ConversationItem, change: (marks: ConversationMarks) => ConversationMarks): ItemOutcome {
    const before = this.stateOf(id);
    const base = before ?? emptyMarks(conversation);
    const next = change(base);
    if (sameMarks(base, next)) return OK;
    const after = isEmpty(next) ? undefined : { ...next, updatedAt: this.nowSeconds };

    const conversationDelta = (after ? 1 : 0) - (before ? 1 : 0);
    if (conversationDelta > 0 && this.conversationCount + 1 > MAX_CONVERSATIONS) {
      return { ResultCode: 51008, ResultInfo: `At most ${MAX_CONVERSATIONS} conversations can be marked or grouped.` };
    }
    const added = next.groupIds.filter((groupId) => !base.groupIds.includes(groupId));
    const removed = base.groupIds.filter((groupId) => !next.groupIds.includes(groupId));
    const full = added.find((groupId) => (this.groupSizes.get(groupId) ?? 0) + 1 > MAX_PER_GROUP);
    if (full !== undefined) return { ResultCode: 51008, ResultInfo: `A conversation group holds at most ${MAX_PER_GROUP} conversations.` };

    this.conversationCount += conversationDelta;
    for (const groupId of added) this.groupSizes.set(groupId, (this.groupSizes.get(groupId) ?? 0) + 1);
    for (const groupId of removed) this.groupSizes.set(groupId, (this.groupSizes.get(groupId) ?? 0) - 1);
    this.current.set(id, after);
    return OK;
  }

  /**
   * The conversations whose stored state changes, those that free room (deletions, removals from
   * groups) first: written in that order, no prefix of the writes ever needs more room than the
   * whole plan, so per-chunk limit conditions hold whenever the plan's do.
   */
  writes(): ConversationWrite[] {
    const writes: ConversationWrite[] = [];
    for (const [id, after] of this.current) {
      const before = this.start.stored.get(id);
      if (!before && !after) continue;
      if (before && after && sameMarks(before, after)) continue;
      writes.push({ id, ...(before ? { before } : {}), ...(after ? { after } : {}) });
    }
    return writes.sort((a, b) => growth(a) - growth(b));
  }
}

/** How much room a write takes: +1 per stored conversation, +1 per group joined, −1 for each freed. */
function growth(write: ConversationWrite): number {
  const deltas = writeDeltas([write]);
  return deltas.conversations + [...deltas.groups.values()].reduce((sum, delta) => sum + delta, 0);
}

/** The change in the user's conversation count and in each group's size that some writes make. */
export function writeDeltas(writes: readonly ConversationWrite[]): { conversations: number; groups: Map<number, number> } {
  let conversations = 0;
  const groups = new Map<number, number>();
  const bump = (groupId: number, delta: number) => groups.set(groupId, (groups.get(groupId) ?? 0) + delta);
  for (const { before, after } of writes) {
    conversations += (after ? 1 : 0) - (before ? 1 : 0);
    for (const groupId of after?.groupIds ?? []) if (!before?.groupIds.includes(groupId)) bump(groupId, 1);
    for (const groupId of before?.groupIds ?? []) if (!after?.groupIds.includes(groupId)) bump(groupId, -1);
  }
  for (const [groupId, delta] of groups) if (delta === 0) groups.delete(groupId);
  return { conversations, groups };
}
