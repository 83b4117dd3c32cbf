import { InvalidInputError, NotFoundError, TemporarilyBlockedError } from '../errors.js';
import type { ContactRecord } from './contact.js';
import {
  applicationHeldUntil,
  DAY_MS,
  decideAgree,
  decideInvite,
  edgeWith,
  FriendStatus,
  type EdgeFacts,
  type FriendEdge,
  type PairState,
  type PairWrite,
} from './friendship.js';

/**
 * ONE relation, two dialects (docs/behaviour.md#contact-list-featapi): a FeatAPI relation between two users IS the SealTalk
 * friendship — the two directed edges (`USER#me/FRIEND#other`, statuses 10/11/20/21/30) and the
 * blacklist entries (`USER#me/BLOCK#other`). FeatAPI's status is derived from them (my contact of the
 * other keeps a copy of the facts it needs, written with them: `store/contact-relation.ts`):
 *
 *   my blacklist entry for them                     → 600 black
 *   my edge 20 agreed                               → 300 created
 *   my edge 11 requested (they applied)             → 200 applying
 *   my edge 10 requesting, `rejectedUntil` set      → 500 rejected (they rejected me)
 *   my edge 10 requesting                           → 100 creating (I applied; a SealTalk ignore stays silent)
 *   `recallBlockedUntil` in the future              → 400 recalled
 *   no edge, 21 ignored, 30 deleted                 → 0 stranger
 *
 * FeatAPI's actions are decisions over the same edges (pure functions below); the FeatAPI-only
 * facts live as extra attributes of the applicant's edge (`rejectedUntil`, `lastRecallAt`,
 * `recallBlockedUntil`), and SealTalk's `invite` honours the same holds.
 */

/** FeatAPI's contact status codes: a user contact's derive from the relation (table above). */
export const FeatStatus = {
  Stranger: 0,
  Creating: 100,
  Applying: 200,
  Created: 300,
  Recalled: 400,
  Rejected: 500,
  Black: 600,
} as const;
export type FeatStatus = (typeof FeatStatus)[keyof typeof FeatStatus];

/** "cannot apply again for one month". */
export const REJECT_HOLD_MS = 30 * DAY_MS;
/** Two recalls within this window hold further ones (and applications) for the same time. */
export const RECALL_WINDOW_MS = DAY_MS;

export const RELATION_ACTIONS = ['apply', 'accept', 'reject', 'recall', 'black', 'unblack'] as const;
export type RelationAction = (typeof RELATION_ACTIONS)[number];

/** Everything a relation decision needs, read in one consistent round trip. */
export interface RelationState extends PairState {
  /** I have them on my blacklist. */
  blockedByMe: boolean;
  /** My contact of them and theirs of me (hidden ones included): a decision touching a missing one creates it. */
  myContact?: ContactRecord;
  theirContact?: ContactRecord;
}

/** The status facts of an edge stored at revision `rev`. */
export function edgeFactsOf(edge: FriendEdge, rev: number): EdgeFacts {
  return {
    status: edge.status,
    rev,
    ...(edge.rejectedUntil !== undefined ? { rejectedUntil: edge.rejectedUntil } : {}),
    ...(edge.recallBlockedUntil !== undefined ? { recallBlockedUntil: edge.recallBlockedUntil } : {}),
  };
}

/** The two hold the same status facts (revisions aside: edits of notes and cards move an edge's revision only). */
export function sameEdgeFacts(a: Omit<EdgeFacts, 'rev'> | undefined, b: Omit<EdgeFacts, 'rev'> | undefined): boolean {
  return a?.status === b?.status && a?.rejectedUntil === b?.rejectedUntil && a?.recallBlockedUntil === b?.recallBlockedUntil;
}

/** My FeatAPI status toward the other user, from my edge (or the copy of its facts) and my blacklist entry. */
export function featStatusOf(mine: Omit<EdgeFacts, 'rev'> | undefined, blockedByMe: boolean, now: number): FeatStatus {
  if (blockedByMe) return FeatStatus.Black;
  switch (mine?.status) {
    case FriendStatus.Agreed:
      return FeatStatus.Created;
    case FriendStatus.Requested:
      return FeatStatus.Applying;
    case FriendStatus.Requesting:
      return mine.rejectedUntil !== undefined ? FeatStatus.Rejected : FeatStatus.Creating;
  }
  if (mine?.recallBlockedUntil !== undefined && mine.recallBlockedUntil > now) return FeatStatus.Recalled;
  return FeatStatus.Stranger;
}

/** What an action asks the store to write. */
export interface RelationDecision {
  /** Edges to write (whole), and whether blacklist entries between the two go. */
  write: PairWrite;
  /** My own blacklist entry for them. */
  block?: 'add' | 'remove';
  /** The two users' contacts record new activity (they move to the top of both lists). */
  activity: boolean;
  /** With `activity`: messages the friend has not read yet, added to their contact of me. */
  friendUnread?: number;
  /** The decision did not look at my own blacklist entry, so its write does not hold it (SealTalk pair decisions). */
  independentOfMyBlock?: boolean;
}

/**
 * A SealTalk pair decision (invite, agree): when it writes edges, both users' contacts record the
 * activity (created if missing) with the new relation facts.
 */
export const pairDecision = (write: PairWrite): RelationDecision => ({
  write,
  activity: Boolean(write.mine || write.theirs),
  independentOfMyBlock: true,
});

/** A change of my own edge only (ignore, delete): my contact of the friend copies it. */
export const myEdgeDecision = (mine: FriendEdge): RelationDecision => ({ write: { mine }, activity: false });

/** A message from me to the friend: both contacts record it, and the friend has one more unread message. */
export const messageDecision = (): RelationDecision => ({ write: {}, activity: true, friendUnread: 1 });

/** Which of the two users' contacts a decision touches (moves to the top, created if missing): both on activity, mine when I black them. */
export function touchedContacts(decision: RelationDecision): { mine: boolean; theirs: boolean } {
  return { mine: decision.activity || decision.block === 'add', theirs: decision.activity };
}

/** How many contacts the decision creates (each needs a fresh contact id). */
export function contactsCreatedBy(state: Pick<RelationState, 'myContact' | 'theirContact'>, decision: RelationDecision): number {
  const touched = touchedContacts(decision);
  return Number(touched.mine && !state.myContact) + Number(touched.theirs && !state.theirContact);
}

const when = (ms: number) => new Date(ms).toISOString();

/** The one answer to an application that is refused without a reason the applicant may learn (a block among them). */
const NOT_NOW = 'A request cannot be sent to this user now (one is already pending, or the user does not accept your requests).';

function decideApply(state: RelationState, now: number): RelationDecision {
  if (state.me.id === state.friend.id) throw new InvalidInputError('You cannot apply to yourself.');
  if (state.blockedByMe) throw new InvalidInputError('This user is on your black list; unblack them first.');
  // Their blacklist comes first, whatever their `friVerify` or my holds say (as in SealTalk's invite).
  if (state.blockedByFriend) throw new InvalidInputError(NOT_NOW);
  const theirStatus = state.theirs?.status;
  const theyApplied = theirStatus === FriendStatus.Requesting || theirStatus === FriendStatus.Agreed;
  // As in SealTalk's invite: a pending request of theirs, or a friend who adds anyone directly, lifts the holds.
  const held = theyApplied || state.friend.friVerify === 0 ? undefined : applicationHeldUntil(state.mine, now);
  if (held !== undefined) {
    throw new TemporarilyBlockedError(
      state.mine?.recallBlockedUntil === held
        ? `You recalled twice within 24 hours; you can apply again after ${when(held)}.`
        : `This user rejected your request; you can apply again after ${when(held)}.`,
    );
  }
  const { action, write } = decideInvite(state, '', now);
  if (action === 'None') throw new InvalidInputError(NOT_NOW);
  return { write, activity: true };
}

function decideReject(state: RelationState, now: number): RelationDecision {
  const { me, friend, mine, theirs } = state;
  if (mine?.status !== FriendStatus.Requested) throw new NotFoundError('No such friend request.');
  return {
    write: {
      mine: edgeWith(mine, { userId: me.id, friendId: friend.id, peer: friend }, { status: FriendStatus.Ignored }, now),
      ...(theirs
        ? { theirs: edgeWith(theirs, { userId: friend.id, friendId: me.id, peer: me }, { rejectedUntil: now + REJECT_HOLD_MS }, now) }
        : {}),
    },
    activity: false,
  };
}

function decideRecall(state: RelationState, now: number): RelationDecision {
  const { me, friend, mine, theirs } = state;
  if (mine?.status !== FriendStatus.Requesting) throw new NotFoundError('No such friend request.');
  if (mine.recallBlockedUntil !== undefined && mine.recallBlockedUntil > now) {
    throw new TemporarilyBlockedError(`You recalled twice within 24 hours; you can recall again after ${when(mine.recallBlockedUntil)}.`);
  }
  const second = mine.lastRecallAt !== undefined && now - mine.lastRecallAt < RECALL_WINDOW_MS;
  const withdrawn = theirs && (theirs.status === FriendStatus.Requested || theirs.status === FriendStatus.Ignored);
  return {
    write: {
      mine: edgeWith(
        mine,
        { userId: me.id, friendId: friend.id, peer: friend },
        {
          status: FriendStatus.Deleted,
          message: '',
          lastRecallAt: now,
          recallBlockedUntil: second ? now + RECALL_WINDOW_MS : undefined,
        },
        now,
      ),
      ...(withdrawn
        ? { theirs: edgeWith(theirs, { userId: friend.id, friendId: me.id, peer: me }, { status: FriendStatus.Deleted, message: '' }, now) }
        : {}),
    },
    activity: false,
  };
}

/** FeatAPI `update_relation`: the edges and blacklist entries to write for `action`. */
export function decideRelation(action: RelationAction, state: RelationState, now: number): RelationDecision {
  switch (action) {
    case 'apply':
      return decideApply(state, now);
    case 'accept':
      return { write: decideAgree(state, now), activity: true };
    case 'reject':
      return decideReject(state, now);
    case 'recall':
      return decideRecall(state, now);
    case 'black':
      if (state.me.id === state.friend.id) throw new InvalidInputError('You cannot black yourself.');
      return { write: {}, block: state.blockedByMe ? undefined : 'add', activity: false };
    case 'unblack':
      if (!state.blockedByMe) throw new InvalidInputError('This user is not on your black list.');
      return { write: {}, block: 'remove', activity: false };
  }
}
