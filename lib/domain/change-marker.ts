import { FriendStatus, type FriendEdge, type PairState, type PairWrite } from './friendship.js';

/**
 * What a request did to a friendship, written on the acting user's own edge in the same write
 * (`change`), so that the change stream can tell one request's event from the other writes of that
 * edge (docs/events-and-callbacks.md). Only a write that really changes the relation sets a new
 * marker; every other write keeps the one it read, so an event is the marker changing between a
 * record's old and new image.
 */
export type ChangeMarker =
  | { kind: 'friend_request_sent'; by: string; at: number }
  | {
      kind: 'friend_added';
      by: string;
      at: number;
      /** Who asked first. */
      initiator: string;
      /** `add`: the actor's own request made it (SealTalk invite, FeatAPI apply); `accept`: an answer to a request (agree, accept). */
      via: 'add' | 'accept';
    }
  | {
      kind: 'friend_deleted';
      by: string;
      at: number;
      /** Every friend the request deleted: on the first deleted edge of a batch only, so a batch is one event. */
      friends: string[];
    };

const agreedPair = (mine: FriendEdge | undefined, theirs: FriendEdge | undefined) =>
  mine?.status === FriendStatus.Agreed && theirs?.status === FriendStatus.Agreed;

/**
 * The pair write with the marker of what it changes on my edge: a friendship that becomes two-way,
 * or a request sent. A write that changes neither (a repeated agree, an add to a friend) keeps the
 * marker it read.
 */
export function markPairWrite(state: PairState, write: PairWrite, via: 'add' | 'accept', now: number): PairWrite {
  const { mine, theirs } = write;
  if (!mine) return write;
  const by = state.me.id;
  if (agreedPair(mine, theirs) && !agreedPair(state.mine, state.theirs)) {
    const initiator =
      state.theirs?.status === FriendStatus.Requesting || state.mine?.status === FriendStatus.Requested ? state.friend.id : by;
    return { ...write, mine: { ...mine, change: { kind: 'friend_added', by, at: now, initiator, via } } };
  }
  if (mine.status === FriendStatus.Requesting && theirs?.status === FriendStatus.Requested) {
    return { ...write, mine: { ...mine, change: { kind: 'friend_request_sent', by, at: now } } };
  }
  return write;
}

/** Deleted edges of one request, the first carrying the marker that names them all (one event per request). */
export function markDeleted(edges: FriendEdge[], now: number): FriendEdge[] {
  const [first, ...rest] = edges;
  if (!first) return edges;
  const change: ChangeMarker = { kind: 'friend_deleted', by: first.userId, at: now, friends: edges.map((edge) => edge.friendId) };
  return [{ ...first, change }, ...rest];
}
