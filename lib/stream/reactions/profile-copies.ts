import type { DynamoDBRecord } from 'aws-lambda';
import { peerCard, type User } from '../../domain/user.js';
import { withoutKeys } from '../../store/items.js';
import { USER_PROFILE_SK } from '../../store/keys.js';
import { refreshPeerCards } from '../../store/users.js';
import type { StreamReaction } from '../reaction.js';
import { keysOf, newImageOf, oldImageOf } from '../record.js';

/** The card fields, less the revision every change bumps: a change that leaves them alone copies nothing. */
function cardText(user: User | undefined): string {
  if (!user) return '';
  const { rev: _rev, ...card } = peerCard(user);
  return JSON.stringify(card, Object.keys(card).sort());
}

/**
 * Keeps the copies of a user's card fresh (docs/change-stream.md): when a profile record changes its
 * card, every copy other records hold (friends' edges, contacts, blacklist entries, the phone claim)
 * is rewritten from the record's new image. Rev-guarded (`store/users.ts` refreshPeerCards): a copy
 * already at this revision or newer is left alone, so a redelivered or late record changes nothing.
 */
export const profileCopies: StreamReaction = {
  name: 'profile-copies',
  filterPattern: { eventName: ['MODIFY'], dynamodb: { Keys: { sk: { S: [USER_PROFILE_SK] } } } },
  wants(record: DynamoDBRecord): boolean {
    if (record.eventName !== 'MODIFY' || keysOf(record).sk !== USER_PROFILE_SK) return false;
    return cardText(newImageOf<User>(record)) !== cardText(oldImageOf<User>(record));
  },
  async apply(record: DynamoDBRecord): Promise<void> {
    await refreshPeerCards(withoutKeys<User>(newImageOf(record)!));
  },
};
