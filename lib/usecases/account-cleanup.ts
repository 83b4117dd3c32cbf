/**
 * The clean-up of a deleted account, run on the table's change stream (docs/account-deletion.md).
 * It goes in bounded pages; each page does a fixed amount of work and hands the next one to the
 * stream (`store/account-cleanup.ts` handOverPage), so a user with any number of friends never needs
 * one long invocation, and a page cut off half way is run again by the stream from its own record.
 *
 * Steps, in order:
 * 1. `groups`: the chat groups the user is in (their group contacts). Their membership goes; for a
 *    group they created, first
 * 2. `creatorCards`: every member's copy of the group card stops naming them, then the card itself.
 * 3. `own`: the user's own rows, page by page. Each row names another user (an edge, a blacklist
 *    entry or its reverse row, a contact or its reverse row, a pinned conversation): that user's
 *    partition is purged of everything naming the deleted one first, then the row goes.
 * 4. `marks`: other users' conversation marks of the user, found through GSI2.
 */
import { logger } from '../observability.js';
import {
  clearCreatorOnContact,
  deleteRows,
  groupIdsPage,
  groupsCreatedBy,
  handOverPage,
  leaveCreatedGroup,
  leaveGroup,
  markHoldersPage,
  holdersNamedBy,
  memberIdsPage,
  ownRows,
  purgeHolder,
  removeMarksOfPeer,
  type Cursor,
} from '../store/account-cleanup.js';
import { forEachLimited } from '../concurrency.js';

export type CleanupStep = 'groups' | 'creatorCards' | 'own' | 'marks';

/** Where the clean-up of one account stands: what the next page does. Stored on the page item. */
export interface CleanupJob {
  userId: string;
  /** The phone the deleted record held ('' when none): it keys other users' friend-by-phone rows of the user. */
  phone: string;
  step: CleanupStep;
  /** The step's Query position (in `creatorCards`: within the first group's members). */
  cursor?: Cursor;
  /** `creatorCards`: the groups the user created whose members' cards are still to do, first one first. */
  created?: number[];
  /** `creatorCards`: where the `groups` step resumes afterwards (absent: it is done). */
  groupsCursor?: Cursor;
  /** Pages run so far, for logs. */
  page: number;
}

/** Page sizes: each page stays well within a Lambda invocation whatever the user's graph. */
export const CLEANUP_PAGE = { groups: 25, members: 100, ownRows: 50, markHolders: 50 } as const;
/** Parallel requests within a page. */
const LANES = 8;

/** The first page of a deleted account's clean-up. */
export const firstCleanupJob = (userId: string, phone: string): CleanupJob => ({ userId, phone, step: 'groups', page: 1 });

const next = (job: CleanupJob, change: Omit<CleanupJob, 'userId' | 'phone' | 'page'>): CleanupJob => ({
  userId: job.userId,
  phone: job.phone,
  page: job.page + 1,
  ...change,
});

/** Runs one page of the job; returns the next page, or undefined when the clean-up is complete. */
export async function runCleanupPage(job: CleanupJob): Promise<CleanupJob | undefined> {
  const { userId } = job;
  switch (job.step) {
    case 'groups': {
      const page = await groupIdsPage(userId, CLEANUP_PAGE.groups, job.cursor);
      const created = await groupsCreatedBy(userId, page.items);
      await forEachLimited(
        page.items.filter((id) => !created.includes(id)),
        LANES,
        (id) => leaveGroup(id, userId),
      );
      if (created.length) return next(job, { step: 'creatorCards', created, ...(page.next ? { groupsCursor: page.next } : {}) });
      return page.next ? next(job, { step: 'groups', cursor: page.next }) : next(job, { step: 'own' });
    }
    case 'creatorCards': {
      const [groupId, ...rest] = job.created ?? [];
      const afterGroups = (): CleanupJob =>
        job.groupsCursor ? next(job, { step: 'groups', cursor: job.groupsCursor }) : next(job, { step: 'own' });
      if (groupId === undefined) return afterGroups();
      const members = await memberIdsPage(groupId, CLEANUP_PAGE.members, job.cursor);
      await forEachLimited(
        members.items.filter((id) => id !== userId),
        LANES * 2,
        (id) => clearCreatorOnContact(id, groupId, userId),
      );
      const carry = job.groupsCursor ? { groupsCursor: job.groupsCursor } : {};
      if (members.next) return next(job, { step: 'creatorCards', created: job.created!, cursor: members.next, ...carry });
      await leaveCreatedGroup(groupId, userId);
      return rest.length ? next(job, { step: 'creatorCards', created: rest, ...carry }) : afterGroups();
    }
    case 'own': {
      const page = await ownRows(userId, CLEANUP_PAGE.ownRows, job.cursor);
      const holders = [...new Set(page.items.flatMap(holdersNamedBy))].filter((id) => id !== userId);
      await forEachLimited(holders, LANES, (holderId) => purgeHolder(holderId, userId, job.phone));
      await deleteRows(page.items);
      return page.next ? next(job, { step: 'own', cursor: page.next }) : next(job, { step: 'marks' });
    }
    case 'marks': {
      const page = await markHoldersPage(userId, CLEANUP_PAGE.markHolders, job.cursor);
      await forEachLimited([...new Set(page.items)], LANES, (holderId) => removeMarksOfPeer(holderId, userId));
      return page.next ? next(job, { step: 'marks', cursor: page.next }) : undefined;
    }
  }
}

/** Runs one page and hands the next one (if any) to the stream. */
export async function continueCleanup(job: CleanupJob): Promise<void> {
  const following = await runCleanupPage(job);
  logger.info('account clean-up page done', { step: job.step, page: job.page, next: following?.step ?? 'complete' });
  if (following) await handOverPage(job.userId, { ...following });
}
