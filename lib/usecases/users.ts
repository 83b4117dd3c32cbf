import { InvalidInputError, NotFoundError, UniqueValueTakenError, UnknownUserError } from '../errors.js';
import { viewerByEdge } from '../domain/friendship.js';
import { decideStAccount, profileSeenBy } from '../domain/user.js';
import { listBlocked } from '../store/blacklist.js';
import { removeMyBlock } from '../store/relations.js';
import { blackUser } from './relations.js';
import { withOptimisticRetry } from '../store/retry.js';
import {
  findUserByPhone,
  getUser,
  getUserAsSeenBy,
  requireUser,
  saveStAccount,
  updateProfile,
  type ProfileChange,
} from '../store/users.js';

/** SealTalk `/user/*` use cases (docs/behaviour.md#users). */

export async function changeProfile(meId: string, change: ProfileChange, now: number): Promise<void> {
  await updateProfile(meId, change, now);
}

/**
 * set_st_account: an stAccount has one holder. Read the record (consistent), decide, save the claim
 * and the record together; the copies of the card others hold follow on the change stream
 * (docs/change-stream.md).
 */
export async function changeStAccount(meId: string, stAccount: string, now: number): Promise<void> {
  await withOptimisticRetry(async () => {
    const current = await getUser(meId, true);
    const next = decideStAccount(current, meId, stAccount, now);
    if (!next) return;
    if ((await saveStAccount(current!, next)) === 'taken') throw new UniqueValueTakenError('This stAccount is already taken.');
  });
}

export async function privacyOf(meId: string): Promise<{ friVerify: 0 | 1 }> {
  const user = await requireUser(meId);
  return { friVerify: user.friVerify };
}

/** GET /user/{id}: the card, with phone and region only for the user themself and agreed friends they do not block (one read). */
export async function userById(viewerId: string, userId: string) {
  if (viewerId === userId) return profileSeenBy(await requireUser(userId), 'self');
  const { user, viewerEdgeStatus, blocksViewer } = await getUserAsSeenBy(viewerId, userId);
  if (!user) throw new UnknownUserError(userId);
  return profileSeenBy(user, viewerByEdge(viewerEdgeStatus, blocksViewer));
}

export async function userByPhone(region: string, phone: string) {
  const user = await findUserByPhone(phone);
  if (!user || user.region !== region) throw new NotFoundError('No user has this phone number.');
  const { id, nickname, portraitUri, gender, stAccount } = user;
  return { id, nickname, portraitUri, gender, stAccount };
}

export async function blockUser(meId: string, otherId: string, now: number): Promise<void> {
  if (meId === otherId) throw new InvalidInputError('You cannot blacklist yourself.');
  // The same entry is FeatAPI's status 600: written with my contact of them (docs/behaviour.md#contact-list-featapi).
  // See usecases/relations.ts.
  await blackUser(meId, otherId, now);
}

/** Removing someone not on the list is a no-op; an unknown user is 404 (checked only then: one round trip usually). */
export async function unblockUser(meId: string, otherId: string): Promise<void> {
  if (await removeMyBlock(meId, otherId)) return;
  if (!(await getUser(otherId))) throw new UnknownUserError(otherId);
}

/** GET /user/blacklist: `[{user:{…}}]`, from the card each entry carries: one Query per 1 MB page. */
export async function blacklist(meId: string) {
  return (await listBlocked(meId)).map(({ peer }) => ({ user: profileSeenBy(peer, 'other') }));
}
