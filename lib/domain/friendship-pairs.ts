import { FriendStatus } from './friendship.js';

/**
 * Which pairs of directed edges the friendship rules can leave behind (`domain/friendship.ts`,
 * `domain/relation.ts`). Every change writes both edges in one transaction, or only its own edge
 * when the rules allow it, so a stored pair is always one of these (mine / theirs, either way round):
 *
 *   none / none   never related
 *   10 / 11       a request pending (invite Sent, FeatAPI apply)
 *   10 / 21       the request was ignored (ignore, FeatAPI reject)
 *   20 / 20       friends (agree, Added, AddDirectly, FeatAPI accept)
 *   30 / 20       one side deleted the other (delete, batch_delete)
 *   30 / 30       both deleted, or a request was recalled (FeatAPI recall)
 *
 * Anything else (an edge without its reverse, 20 / 11, …) is a half-applied change. Used by the
 * load run's invariant check and the fault tests.
 */
type Status = (typeof FriendStatus)[keyof typeof FriendStatus];

const CONSISTENT: ReadonlyArray<readonly [Status, Status]> = [
  [FriendStatus.Requesting, FriendStatus.Requested],
  [FriendStatus.Requesting, FriendStatus.Ignored],
  [FriendStatus.Agreed, FriendStatus.Agreed],
  [FriendStatus.Deleted, FriendStatus.Agreed],
  [FriendStatus.Deleted, FriendStatus.Deleted],
];

/** Whether the statuses of `a → b` and `b → a` (undefined: no edge) are a pair the rules can produce. */
export function isConsistentPair(mine: Status | undefined, theirs: Status | undefined): boolean {
  if (mine === undefined || theirs === undefined) return mine === theirs;
  return CONSISTENT.some(([x, y]) => (x === mine && y === theirs) || (x === theirs && y === mine));
}
