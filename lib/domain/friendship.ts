import { AlreadyFriendsError, InvalidInputError, NotFoundError, NotFriendError } from '../errors.js';
import type { ChangeMarker } from './change-marker.js';
import type { PeerCard, User, Viewer } from './user.js';

/**
 * SealTalk's friendship state machine (docs/behaviour.md#friendship-sealtalk), as pure functions: each takes the state that was
 * read and returns the edges to write, so the store can write them in one transaction
 * conditioned on that state.
 */
export const FriendStatus = { Requesting: 10, Requested: 11, Agreed: 20, Ignored: 21, Deleted: 30 } as const;
export type FriendStatus = (typeof FriendStatus)[keyof typeof FriendStatus];

/** One side's directed edge `userId → friendId`. */
export interface FriendEdge {
  userId: string;
  friendId: string;
  status: FriendStatus;
  displayName: string;
  message: string;
  region: string;
  phone: string;
  description: string;
  imageUri: string;
  /** ms since epoch of the last status change or edit. */
  updatedAt: number;
  /** Optimistic-concurrency revision; every write conditions on it. */
  rev: number;
  /** The friend's card, so that lists need no per-friend reads. */
  peer: PeerCard;
  /**
   * FeatAPI-only facts of the same relation (docs/behaviour.md#contact-list-featapi, `domain/relation.ts`), kept on the applicant's edge:
   * the friend rejected my application (FeatAPI 500) and I may not apply again before this time;
   * my last recall; no application or recall before this time after two recalls within 24 h (FeatAPI 400).
   */
  rejectedUntil?: number;
  lastRecallAt?: number;
  recallBlockedUntil?: number;
  /** What the last request that changed the relation did (`domain/change-marker.ts`), for the change stream's events. */
  change?: ChangeMarker;
}

/**
 * The facts of my edge that my FeatAPI status derives from, as my contact of that user keeps a copy
 * of them (`store/contact-relation.ts`; FeatAPI statuses: `domain/relation.ts`), with the edge revision they were copied from.
 */
export interface EdgeFacts {
  status: FriendStatus;
  rev: number;
  rejectedUntil?: number;
  recallBlockedUntil?: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const MESSAGE_MAX = 64;
export const DISPLAY_NAME_MAX = 32;
export const DESCRIPTION_MAX = 1000;

/** Until when FeatAPI's rules hold my applications to this friend (after a reject, after two quick recalls); undefined if free. */
export function applicationHeldUntil(mine: FriendEdge | undefined, now: number): number | undefined {
  const until = Math.max(mine?.rejectedUntil ?? 0, mine?.recallBlockedUntil ?? 0);
  return until > now ? until : undefined;
}

export type InviteAction = 'Added' | 'None' | 'Sent' | 'AddDirectly';

/** What a decision asks the store to do. Edges are written whole; `undefined` means untouched. */
export interface PairWrite {
  mine?: FriendEdge;
  theirs?: FriendEdge;
  /** Remove blacklist entries in both directions. */
  unblock?: boolean;
}

export interface PairState {
  me: User;
  friend: User;
  mine?: FriendEdge;
  theirs?: FriendEdge;
  /** The friend has me on their blacklist. */
  blockedByFriend: boolean;
}

/** The revision an edge is stored at when written over the one read (none read: 1). */
export const revisionAfter = (read: Pick<FriendEdge, 'rev'> | undefined): number => (read?.rev ?? 0) + 1;

/** A fresh or changed edge: keeps the notes of an existing one, refreshes the peer card. */
export function edgeWith(
  existing: FriendEdge | undefined,
  ids: { userId: string; friendId: string; peer: PeerCard },
  change: Partial<Omit<FriendEdge, 'userId' | 'friendId' | 'rev' | 'peer'>>,
  now: number,
): FriendEdge {
  const base: FriendEdge = existing ?? {
    ...ids,
    status: FriendStatus.Requesting,
    displayName: '',
    message: '',
    region: '',
    phone: '',
    description: '',
    imageUri: '',
    updatedAt: now,
    rev: 0,
  };
  return { ...base, ...change, peer: ids.peer, updatedAt: now, rev: base.rev };
}

/** Friends now: FeatAPI's holds on either side's applications are over. */
const AGREED = { status: FriendStatus.Agreed, rejectedUntil: undefined, recallBlockedUntil: undefined } as const;

function bothAgreed(state: PairState, now: number): PairWrite {
  return {
    mine: edgeWith(state.mine, { userId: state.me.id, friendId: state.friend.id, peer: state.friend }, AGREED, now),
    theirs: edgeWith(state.theirs, { userId: state.friend.id, friendId: state.me.id, peer: state.me }, AGREED, now),
  };
}

export function decideInvite(state: PairState, message: string, now: number): { action: InviteAction; write: PairWrite } {
  const { me, friend, mine, theirs } = state;
  if (me.id === friend.id) throw new InvalidInputError('You cannot add yourself as a friend.');
  // The friend's blacklist comes first, before `friVerify`: a blocked user can never force a friendship.
  if (state.blockedByFriend) return { action: 'None', write: {} };
  if (friend.friVerify === 0) return { action: 'AddDirectly', write: { ...bothAgreed(state, now), unblock: true } };
  const m = mine?.status;
  const t = theirs?.status;
  if (m === FriendStatus.Agreed && t === FriendStatus.Agreed) throw new AlreadyFriendsError();
  if (t === FriendStatus.Requesting || t === FriendStatus.Agreed) return { action: 'Added', write: bothAgreed(state, now) };
  if (applicationHeldUntil(mine, now) !== undefined) return { action: 'None', write: {} };
  const age = mine ? now - mine.updatedAt : 0;
  const canSend =
    (mine === undefined && theirs === undefined) ||
    (m === FriendStatus.Deleted && t === FriendStatus.Deleted) ||
    (m === FriendStatus.Agreed && t === FriendStatus.Deleted) ||
    (m === FriendStatus.Requesting && t === FriendStatus.Ignored && age > DAY_MS) ||
    (m === FriendStatus.Requesting && t === FriendStatus.Requested && age > 3 * DAY_MS);
  if (!canSend) return { action: 'None', write: {} };
  return {
    action: 'Sent',
    write: {
      mine: edgeWith(
        mine,
        { userId: me.id, friendId: friend.id, peer: friend },
        { status: FriendStatus.Requesting, message: '', rejectedUntil: undefined },
        now,
      ),
      theirs: edgeWith(theirs, { userId: friend.id, friendId: me.id, peer: me }, { status: FriendStatus.Requested, message }, now),
    },
  };
}

export function decideAgree(state: PairState, now: number): PairWrite {
  const m = state.mine?.status;
  if (m !== FriendStatus.Requested && m !== FriendStatus.Agreed) throw new NotFoundError('No such friend request.');
  return { ...bothAgreed(state, now), unblock: true };
}

/** Ignore, delete and the edits change my edge only. */
export function decideIgnore(mine: FriendEdge | undefined, now: number): FriendEdge {
  if (mine?.status !== FriendStatus.Requested) throw new NotFoundError('No such friend request.');
  return { ...mine, status: FriendStatus.Ignored, updatedAt: now };
}

export function decideDelete(mine: FriendEdge | undefined, now: number): FriendEdge {
  if (mine?.status !== FriendStatus.Agreed) throw new NotFoundError('Not your friend.');
  return { ...mine, status: FriendStatus.Deleted, displayName: '', message: '', updatedAt: now };
}

export function decideDisplayName(mine: FriendEdge | undefined, displayName: string, now: number): FriendEdge {
  if (mine?.status !== FriendStatus.Agreed) throw new NotFoundError('Not your friend.');
  return { ...mine, displayName, updatedAt: now };
}

export type DescriptionChange = Partial<Pick<FriendEdge, 'displayName' | 'region' | 'phone' | 'description' | 'imageUri'>>;

export function decideDescription(mine: FriendEdge | undefined, change: DescriptionChange, now: number): FriendEdge {
  if ((change.region === undefined) !== (change.phone === undefined)) {
    throw new InvalidInputError('region and phone must be given together.');
  }
  if (!mine) throw new NotFoundError('No such friend.');
  return { ...mine, ...change, updatedAt: now };
}

export function requireAgreed(mine: FriendEdge | undefined): FriendEdge {
  if (mine?.status !== FriendStatus.Agreed) throw new NotFriendError('This user is not your friend.');
  return mine;
}

/**
 * Who I am to the user at the other end of my edge, for the privacy rule (`user.ts` profileSeenBy):
 * a friend while my edge is agreed, unless they block me.
 */
export function viewerByEdge(myEdgeStatus: number | undefined, blockedByThem = false): Viewer {
  return myEdgeStatus === FriendStatus.Agreed && !blockedByThem ? 'friend' : 'other';
}

export function requireEdge(mine: FriendEdge | undefined): FriendEdge {
  if (!mine) throw new NotFoundError('No such friend.');
  return mine;
}
