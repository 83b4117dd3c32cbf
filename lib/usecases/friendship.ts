import {
  decideAgree, decideDelete, decideDescription, decideDisplayName, decideIgnore, decideInvite, FriendStatus,
  requireAgreed, requireEdge, type DescriptionChange, type FriendEdge, type InviteAction,
} from '../domain/friendship.js';
import { sealTalkUser, type SealTalkUser, type User } from '../domain/user.js';
import { getEdge, getEdges, listEdges, putEdge, readPair, writeEdge, writePair } from '../store/friendships.js';
import { relationCopyItems } from '../store/contact-relation.js';
import { contactSlot, getContact, getContacts } from '../store/contacts.js';
import { pairContactItems, readPairCopies } from '../store/relations.js';
import { TRANSACTION_MAX_ITEMS, transactWrite, withOptimisticRetry } from '../store/transact.js';
import { getUsers, phoneClaims } from '../store/users.js';
import { getFriendPhones } from '../store/friend-phones.js';

/**
 * SealTalk friendship use cases (SPEC §3). Each: read the state (one round trip), decide with the
 * pure rules in `domain/friendship.ts`, write in one transaction conditioned on what was read;
 * a lost race re-reads and decides again.
 */

/**
 * invite: Sent, Added, AddDirectly or None (see the rules). When edges change, both users' FeatAPI
 * contacts record it in the same transaction (SPEC §4: one relation; contacts come from friendship).
 */
export async function invite(meId: string, friendId: string, message: string, now: number): Promise<{ action: InviteAction }> {
  return withOptimisticRetry(async () => {
    const [state, copies] = await Promise.all([readPair(meId, friendId), readPairCopies(meId, friendId)]);
    const { action, write } = decideInvite(state, message, now);
    await writePair(state, write, await pairContactItems(state, write, copies, now));
    return { action };
  });
}

/** agree: my edge must be "requested" (or agreed already); both become agreed, with both contacts, in one transaction. */
export async function agree(meId: string, friendId: string, now: number): Promise<{ action: 'Added' }> {
  return withOptimisticRetry(async () => {
    const [state, copies] = await Promise.all([readPair(meId, friendId), readPairCopies(meId, friendId)]);
    const write = decideAgree(state, now);
    await writePair(state, write, await pairContactItems(state, write, copies, now));
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
async function changeMyStatus(meId: string, friendId: string, decide: (mine: FriendEdge | undefined) => FriendEdge): Promise<void> {
  await withOptimisticRetry(async () => {
    const [mine, contact] = await Promise.all([getEdge(meId, friendId), getContact(meId, { kind: 'user', peerId: friendId }, true)]);
    const next = decide(mine);
    // `blocked` is only read when a contact is created, which this write never does.
    const side = { ownerId: meId, peerId: friendId, edge: mine, newEdge: next, blocked: false };
    await transactWrite([...putEdge(next, mine), ...relationCopyItems(side, contact !== undefined)]);
  });
}

export const ignore = (meId: string, friendId: string, now: number) => changeMyStatus(meId, friendId, (mine) => decideIgnore(mine, now));

export const remove = (meId: string, friendId: string, now: number) => changeMyStatus(meId, friendId, (mine) => decideDelete(mine, now));

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
    const refs = friendIds.map((id) => ({ ownerId: meId, ref: { kind: 'user' as const, peerId: id } }));
    const [edges, contacts] = await Promise.all([getEdges(meId, friendIds, true), getContacts(refs, true)]);
    const contactOf = (friendId: string) => contacts.get(contactSlot(meId, { kind: 'user', peerId: friendId }));
    const deleted = [...edges.values()].filter((edge) => edge.status === FriendStatus.Agreed);
    const writes = deleted.map((edge) => {
      const next = decideDelete(edge, now);
      return { edge, next, items: putEdge(next, edge) };
    });
    // The edges first: they are the change, and must be one atomic write.
    const items = writes.map(({ items: [edgePut] }) => edgePut!);
    for (const { edge, next, items: [, ...phoneRow] } of writes) {
      // `blocked` is only read when a contact is created, which this write never does.
      const copy = relationCopyItems({ ownerId: meId, peerId: edge.friendId, edge, newEdge: next, blocked: false }, contactOf(edge.friendId) !== undefined);
      if (items.length + phoneRow.length <= TRANSACTION_MAX_ITEMS) items.push(...phoneRow);
      if (items.length + copy.length <= TRANSACTION_MAX_ITEMS) items.push(...copy);
    }
    await transactWrite(items);
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
    user: sealTalkUser(edge.peer),
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
 * claims (each carrying its holder's card) ‖ my friend-by-phone rows for the same phones. A claim
 * made before claims carried a card is answered the old way: its holder's record and my edge to
 * them, in a second wave only when such a claim is among the phones.
 */
export async function contactsInfo(meId: string, phones: readonly string[]): Promise<ContactInfo[]> {
  const [claims, rows] = await Promise.all([phoneClaims(phones), getFriendPhones(meId, phones)]);
  const cardless = [...new Set([...claims.values()].filter((claim) => !claim.card).map((claim) => claim.userId))];
  const [users, edges] = cardless.length
    ? await Promise.all([getUsers(cardless), getEdges(meId, cardless)])
    : [new Map<string, User>(), new Map<string, FriendEdge>()];
  return phones.map((phone) => {
    const claim = claims.get(phone);
    const card = claim && (claim.card ?? users.get(claim.userId));
    if (!claim || !card) return { registered: 0, relationship: '', stAccount: '', phone, id: '', nickname: '', portraitUri: '' };
    const friend = claim.card ? rows.get(phone)?.friendId === claim.userId : edges.get(claim.userId)?.status === FriendStatus.Agreed;
    return { registered: 1, relationship: friend ? 1 : 0, stAccount: card.stAccount, phone, id: card.id, nickname: card.nickname, portraitUri: card.portraitUri };
  });
}
