import type { DynamoDBRecord } from 'aws-lambda';
import { FriendStatus, type FriendEdge } from '../../domain/friendship.js';
import { edgeFactsOf } from '../../domain/relation.js';
import { refreshEdgeCopy } from '../../store/contact-relation.js';
import { dropFriendPhone, friendPhoneOf } from '../../store/friend-phones.js';
import { withoutKeys } from '../../store/items.js';
import { FRIEND_PREFIX } from '../../store/keys.js';
import type { StreamReaction } from '../reaction.js';
import { keysOf, newImageOf, oldImageOf } from '../record.js';

const AGREED = String(FriendStatus.Agreed);
const statusOf = (image: Record<string, unknown> | undefined) => String(image?.status ?? '');

/**
 * The copies of an edge that stops being agreed (delete, batch_delete) beyond what the request's
 * transaction held (docs/change-stream.md): the facts on the owner's contact of the friend and the
 * owner's friend-by-phone row. Both writes are guarded by the edge's revision, so a copy the
 * transaction already wrote, a newer edge, or a repeated record change nothing.
 */
export const deletedEdgeCopies: StreamReaction = {
  name: 'deleted-edge-copies',
  filterPattern: {
    eventName: ['MODIFY'],
    dynamodb: {
      Keys: { sk: { S: [{ prefix: FRIEND_PREFIX }] } },
      OldImage: { status: { N: [AGREED] } },
      NewImage: { status: { N: [{ 'anything-but': [AGREED] }] } },
    },
  },
  wants(record: DynamoDBRecord): boolean {
    if (record.eventName !== 'MODIFY' || !keysOf(record).sk.startsWith(FRIEND_PREFIX)) return false;
    return statusOf(oldImageOf(record)) === AGREED && statusOf(newImageOf(record)) !== AGREED;
  },
  async apply(record: DynamoDBRecord): Promise<void> {
    const edge = withoutKeys<FriendEdge>(newImageOf(record)!);
    const phone = friendPhoneOf(edge);
    await Promise.all([
      refreshEdgeCopy(edge.userId, edge.friendId, edgeFactsOf(edge, edge.rev)),
      phone ? dropFriendPhone(edge.userId, phone, edge.rev) : undefined,
    ]);
  },
};
