import { writeDeltas, type ConversationWrite } from '../domain/conversation-plan.js';
import { UnknownUserError } from '../errors.js';
import { batchGet, chunks, getFrom } from './batch.js';
import { allocateIds, groupsHeaderOf, headerChangeItem, type GroupsHeader } from './conversation-groups.js';
import { marksWriteItem, storedMarksOf, type StoredMarks } from './conversation-marks.js';
import { keys } from './keys.js';
import { writeAtomically } from './transact.js';

/** What a conversation-marks call reads first: the caller's account, the groups header and the named records. */
export interface ConversationState {
  header: GroupsHeader;
  /** By conversation id; a conversation with nothing stored is absent. */
  records: Map<string, StoredMarks>;
}

/**
 * One parallel wave of BatchGetItem (≤ 100 keys a call): the user (`From_Account` must exist, else
 * 50001), the groups header and a record per named conversation. `consistent` for calls that
 * decide a write on what they read.
 */
export async function readConversationState(
  me: string,
  conversationIds: readonly string[],
  consistent: boolean,
): Promise<ConversationState> {
  const recordKeys = conversationIds.map((id) => keys.conversationMarks(me, id));
  const found = await batchGet<Record<string, unknown>>([keys.user(me), keys.conversationGroups(me), ...recordKeys], { consistent });
  if (!getFrom(found, keys.user(me))) throw new UnknownUserError(me);
  const records = new Map<string, StoredMarks>();
  conversationIds.forEach((id, index) => {
    const item = getFrom(found, recordKeys[index]!);
    if (item) records.set(id, storedMarksOf(item));
  });
  return { header: groupsHeaderOf(getFrom(found, keys.conversationGroups(me))), records };
}

/** Records per transaction: DynamoDB takes 100 items, one is the header. A plan this size is written atomically. */
export const RECORDS_PER_WRITE = 99;

export interface CommitOptions {
  /** The group to create with the first write (its id already handed out). */
  createGroup?: { id: number; name: string };
  /** The group to remove with the last write, once these writes have emptied it. */
  removeGroup?: { id: number; name: string };
  /** First of the seqs already handed out for new records (with a new group's id); else they are handed out here. */
  firstSeq?: number;
}

/**
 * Writes a plan: each transaction holds up to 99 record writes, each conditioned on the revision
 * read (or on absence), plus the header update with the limit conditions for what those records
 * add. New records get their seqs first (one update, only when the plan stores new conversations;
 * a new group's id comes with it). A write that loses a race throws for `withOptimisticRetry`.
 * When a plan needs more than one transaction, an earlier one may stand while a later one is
 * retried: every change here is idempotent (setting a bit, joining a group), so the retry, which
 * reads again, finishes the same plan.
 */
export async function commitConversationWrites(
  me: string,
  stored: ReadonlyMap<string, StoredMarks>,
  writes: readonly ConversationWrite[],
  options: CommitOptions = {},
): Promise<void> {
  const newRecords = writes.filter((write) => !stored.has(write.id)).length;
  let nextSeq = options.firstSeq ?? (newRecords ? (await allocateIds(me, { groupId: false, seqs: newRecords })).firstSeq : 0);
  const batches = writes.length ? chunks(writes, RECORDS_PER_WRITE) : [[]];
  for (const [index, batch] of batches.entries()) {
    const records = batch.map((write) => {
      const before = stored.get(write.id);
      return marksWriteItem(me, write.id, { stored: before, after: write.after, ...(before ? {} : { newSeq: nextSeq++ }) });
    });
    const header = headerChangeItem(me, {
      ...writeDeltas(batch),
      ...(index === 0 && options.createGroup ? { createGroup: options.createGroup } : {}),
      ...(index === batches.length - 1 && options.removeGroup ? { removeGroup: options.removeGroup } : {}),
    });
    await writeAtomically(header ? [...records, header] : records);
  }
}
