import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, StreamRecord } from 'aws-lambda';
import type { ChangeMarker } from '../domain/change-marker.js';
import { FriendStatus, type FriendEdge } from '../domain/friendship.js';
import type { User } from '../domain/user.js';
import { BLOCK_PREFIX, FRIEND_PREFIX, USER_PROFILE_SK } from '../store/keys.js';
import type { DomainEvent } from './catalogue.js';

/**
 * The domain events one stream record stands for (docs/events-and-callbacks.md), a pure function
 * of the record: the same record always gives the same events with the same ids.
 *
 *   item                     record                                     event
 *   USER#a/FRIEND#b (edge)   `change` marker differs from the old image  FriendRequestSent / FriendAdded / FriendDeleted
 *   USER#a/FRIEND#b (edge)   REMOVE of an agreed edge (account deletion)  FriendDeleted (cause account_deleted)
 *   USER#a/BLOCK#b           INSERT / REMOVE                              Blocked / Unblocked
 *   USER#a/PROFILE           MODIFY of a profile field / REMOVE           ProfileChanged / AccountDeleted
 */
type Item = Record<string, unknown> & { pk: string; sk: string };

function itemOf(image: StreamRecord['NewImage']): Item | undefined {
  return image ? (unmarshall(image as Record<string, AttributeValue>) as Item) : undefined;
}

/** The profile fields a ProfileChanged reports (bookkeeping fields aside). */
const PROFILE_FIELDS = [
  'nickname',
  'region',
  'phone',
  'portraitUri',
  'gender',
  'stAccount',
  'firstName',
  'lastName',
  'fullname',
  'expertise',
  'timezone',
  'location',
  'avatar',
  'friVerify',
] as const satisfies ReadonlyArray<keyof User>;

/** An event without its id (given from the record and its position). */
type Draft = DomainEvent extends infer E ? (E extends DomainEvent ? Omit<E, 'id'> : never) : never;

export function eventsFromRecord(record: DynamoDBRecord): DomainEvent[] {
  const oldItem = itemOf(record.dynamodb?.OldImage);
  const newItem = itemOf(record.dynamodb?.NewImage);
  const item = newItem ?? oldItem;
  if (!item || !record.eventID) return [];
  // Lambda gives the record's time in seconds: the time of a removal, which leaves no image to carry one.
  const recordTime = Math.round((record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000);
  const drafts = draftsOf(item.sk, oldItem, newItem, recordTime);
  return drafts.map((draft, position) => ({ ...draft, id: `${record.eventID}:${position}` }) as DomainEvent);
}

function draftsOf(sk: string, oldItem: Item | undefined, newItem: Item | undefined, recordTime: number): Draft[] {
  if (sk.startsWith(FRIEND_PREFIX))
    return edgeDrafts(oldItem as unknown as FriendEdge | undefined, newItem as unknown as FriendEdge | undefined, recordTime);
  if (sk.startsWith(BLOCK_PREFIX)) return blockDrafts(oldItem, newItem, recordTime);
  if (sk === USER_PROFILE_SK)
    return profileDrafts(oldItem as unknown as User | undefined, newItem as unknown as User | undefined, recordTime);
  return [];
}

const sameMarker = (a: ChangeMarker | undefined, b: ChangeMarker | undefined) => JSON.stringify(a) === JSON.stringify(b);

function edgeDrafts(oldEdge: FriendEdge | undefined, newEdge: FriendEdge | undefined, recordTime: number): Draft[] {
  if (!newEdge) {
    // Edges are never removed but with an account (docs/events-and-callbacks.md): the friendship goes with it.
    if (oldEdge?.status !== FriendStatus.Agreed) return [];
    const data = { from: oldEdge.userId, friends: [oldEdge.friendId], cause: 'account_deleted' as const };
    return [{ type: 'FriendDeleted', time: recordTime, actor: oldEdge.userId, data }];
  }
  const change = newEdge.change;
  if (!change || change.by !== newEdge.userId || sameMarker(change, oldEdge?.change)) return [];
  const base = { time: change.at, actor: change.by };
  switch (change.kind) {
    case 'friend_request_sent':
      return [{ ...base, type: 'FriendRequestSent', data: { from: change.by, to: newEdge.friendId } }];
    case 'friend_added':
      return [
        { ...base, type: 'FriendAdded', data: { from: change.by, to: newEdge.friendId, initiator: change.initiator, via: change.via } },
      ];
    case 'friend_deleted':
      return [{ ...base, type: 'FriendDeleted', data: { from: change.by, friends: change.friends, cause: 'delete' } }];
  }
}

function blockDrafts(oldItem: Item | undefined, newItem: Item | undefined, recordTime: number): Draft[] {
  if (oldItem && newItem) return [];
  const entry = (newItem ?? oldItem) as unknown as { userId: string; blockedId: string; createdAt?: number };
  const data = { from: entry.userId, to: entry.blockedId };
  return newItem
    ? [{ type: 'Blocked', time: entry.createdAt ?? recordTime, actor: entry.userId, data }]
    : [{ type: 'Unblocked', time: recordTime, actor: entry.userId, data }];
}

function profileDrafts(oldUser: User | undefined, newUser: User | undefined, recordTime: number): Draft[] {
  if (oldUser && !newUser) return [{ type: 'AccountDeleted', time: recordTime, actor: oldUser.id, data: { userId: oldUser.id } }];
  if (!oldUser || !newUser) return [];
  const changed = PROFILE_FIELDS.filter((field) => JSON.stringify(oldUser[field]) !== JSON.stringify(newUser[field]));
  if (!changed.length) return [];
  return [{ type: 'ProfileChanged', time: newUser.updatedAt, actor: newUser.id, data: { userId: newUser.id, changed } }];
}
