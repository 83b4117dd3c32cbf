import {
  decideAgree,
  decideDelete,
  decideDescription,
  decideDisplayName,
  decideIgnore,
  decideInvite,
  FriendStatus,
  viewerByEdge,
  requireAgreed,
  requireEdge,
  type DescriptionChange,
  type FriendEdge,
  type InviteAction,
} from '../domain/friendship.js';
import { markDeleted, markPairWrite } from '../domain/change-marker.js';
import { myEdgeDecision, pairDecision } from '../domain/relation.js';
import { profileSeenBy, sealTalkUser, type SealTalkUser } from '../domain/user.js';
import { getEdge, listEdges, writeEdge } from '../store/friendships.js';
import { readRelations, saveMyEdges, saveRelation } from '../store/relations.js';
import { savePairDecision } from './relations.js';
import { withOptimisticRetry } from '../store/retry.js';
import { phoneClaims } from '../store/users.js';
import { getFriendPhones } from '../store/friend-phones.js';

/**
 * SealTalk friendship use cases (docs/behaviour.md#friendship-sealtalk). Each: read the relation (one round trip,
 * `store/relations.ts`), decide with the pure rules in `domain/friendship.ts`, save in one
 * transaction conditioned on what was read; a lost race re-reads and decides again.
 */

/**
 * invite: Sent, Added, AddDirectly or None (see the rules). When edges change, both users' FeatAPI
 * contacts record it in the same transaction (one relation; contacts come from friendship: docs/relations.md).
 */
export async function invite(meId: string, friendId: string, message: string, now: number): Promise<{ action: InviteAction }> {
  return withOptimisticRetry(async () => {
    const [read] = await readRelations(meId, [friendId], 'friendship');
    const { action, write } = decideInvite(read!, message, now);
    await savePairDecision(read!, pairDecision(markPairWrite(read!, write, 'add', now)), now);
    return { action };
  });
}

/** agree: my edge must be "requested" (or agreed already); both become agreed, with both contacts, in one transaction. */
export async function agree(meId: string, friendId: string, now: number): Promise<{ action: 'Added' }> {
  return withOptimisticRetry(async () => {
    const [read] = await readRelations(meId, [friendId], 'friendship');
    await savePairDecision(read!, pairDecision(markPairWrite(read!, decideAgree(read!, now), 'accept', now)), now);
    return { action: 'Added' as const };
  });
}

/** Changes the notes of my own edge (not its status, which my contact copies): read, decide, write conditioned on the revision. */
async function changeMine(meId: string, friendId: string, decide: (mine: FriendEdge | undefined) => FriendEdge): Promise<void> {
  await withOptimisticRetry(async () => {
    const mine = await getEdge(meId, friendId);
    const next = decide(mine);
    await writeEdge(next, mine!);
  });
}

/**
 * Changes the status of my own edge: the edge and the copy of its facts on my contact of the friend
 * (read in the same wave) in one transaction.
 */
async function changeMyStatus(
  meId: string,
  friendId: string,
  decide: (mine: FriendEdge | undefined) => FriendEdge,
  now: number,
): Promise<void> {
  await withOptimisticRetry(async () => {
    const [read] = await readRelations(meId, [friendId], 'mine');
    await saveRelation(read!, myEdgeDecision(decide(read!.mine)), { now });
  });
}

export const ignore = (meId: string, friendId: string, now: number) =>
  changeMyStatus(meId, friendId, (mine) => decideIgnore(mine, now), now);

export const remove = (meId: string, friendId: string, now: number) =>
  changeMyStatus(meId, friendId, (mine) => markDeleted([decideDelete(mine, now)], now)[0]!, now);

export const setDisplayName = (meId: string, friendId: string, displayName: string, now: number) =>
  changeMine(meId, friendId, (mine) => decideDisplayName(mine, displayName, now));

export const setFriendDescription = (meId: string, friendId: string, change: DescriptionChange, now: number) =>
  changeMine(meId, friendId, (mine) => decideDescription(mine, change, now));

/**
 * batch_delete: every agreed edge among `friendIds` becomes deleted, in one transaction, with my
 * friend-by-phone rows and the copies of their facts on my contacts (read in the same wave) as far as
 * one transaction holds them (all of them up to 33 deletions). The rest follow on the change stream
 * (`stream/reactions/deleted-edge-copies.ts`, docs/change-stream.md), rev-guarded like the card copies.
 */
export async function batchDelete(meId: string, friendIds: readonly string[], now: number): Promise<void> {
  await withOptimisticRetry(async () => {
    const reads = await readRelations(meId, friendIds, 'mine');
    const agreed = reads.filter((read) => read.mine?.status === FriendStatus.Agreed);
    // One marker, on the first deleted edge, names every friend this call deletes (docs/events-and-callbacks.md).
    const deleted = markDeleted(
      agreed.map((read) => decideDelete(read.mine, now)),
      now,
    );
    await saveMyEdges(reads, new Map(agreed.map((read, i) => [read.friendId, deleted[i]!])));
  });
}

export interface FriendListEntry {
  displayName: string;
  message: string;
  status: FriendStatus;
  updatedAt: string;
  updatedTime: string;
  user: SealTalkUser;
}

export async function listFriends(meId: string): Promise<FriendListEntry[]> {
  const edges = await listEdges(meId);
  return edges.map((edge) => ({
    displayName: edge.displayName,
    message: edge.message,
    status: edge.status,
    updatedAt: new Date(edge.updatedAt).toISOString(),
    updatedTime: String(edge.updatedAt),
    // The privacy rule of GET /user/{id} holds here too: a pending or ended relation shows no phone.
    user: profileSeenBy(edge.peer, viewerByEdge(edge.status)),
  }));
}

export async function friendProfile(meId: string, friendId: string): Promise<{ displayName: string; user: SealTalkUser }> {
  const edge = requireAgreed(await getEdge(meId, friendId, false));
  return { displayName: edge.displayName, user: sealTalkUser(edge.peer) };
}

export async function friendDescription(meId: string, friendId: string) {
  const { displayName, region, phone, description, imageUri } = requireEdge(await getEdge(meId, friendId, false));
  return { displayName, region, phone, description, imageUri };
}

export interface ContactInfo {
  registered: 0 | 1;
  relationship: 0 | 1 | '';
  stAccount: string;
  phone: string;
  id: string;
  nickname: string;
  portraitUri: string;
}

/**
 * get_contacts_info: phones in order → who is registered and who is my friend. One wave: the phone
 * claims (each carrying its holder's card) ‖ my friend-by-phone rows for the same phones.
 */
export async function contactsInfo(meId: string, phones: readonly string[]): Promise<ContactInfo[]> {
  const [claims, rows] = await Promise.all([phoneClaims(phones), getFriendPhones(meId, phones)]);
  return phones.map((phone) => {
    const claim = claims.get(phone);
    if (!claim) return { registered: 0, relationship: '', stAccount: '', phone, id: '', nickname: '', portraitUri: '' };
    const { card } = claim;
    const friend = rows.get(phone)?.friendId === claim.userId;
    const { stAccount, id, nickname, portraitUri } = card;
    return { registered: 1, relationship: friend ? 1 : 0, stAccount, phone, id, nickname, portraitUri };
  });
}
