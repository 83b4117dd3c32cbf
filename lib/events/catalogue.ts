import * as z from 'zod';

/**
 * The domain events (docs/events-and-callbacks.md): each change another party cares about, derived
 * from the table's change stream (`events/from-record.ts`). Every event carries a stable `id` (the
 * stream record's id and the event's position in it, so a redelivered record gives the same id),
 * `time` (ms since epoch, when the change was made) and `actor` (the user it is attributed to).
 */
const userId = z.string().min(1).describe('A user id.');

const envelope = {
  id: z.string().min(1).describe('Stable id: the stream record id and the position of the event in it.'),
  time: z.number().int().nonnegative().describe('When the change was made, ms since epoch.'),
  actor: userId.describe('The user the change is attributed to.'),
};

export const friendRequestSent = z
  .object({
    ...envelope,
    type: z.literal('FriendRequestSent'),
    data: z.object({ from: userId, to: userId }),
  })
  .describe('A friend request was sent (SealTalk invite `Sent`, FeatAPI apply).');

export const friendAdded = z
  .object({
    ...envelope,
    type: z.literal('FriendAdded'),
    data: z.object({
      from: userId.describe('Whose action made the friendship.'),
      to: userId,
      initiator: userId.describe('Who asked first.'),
      via: z
        .enum(['add', 'accept'])
        .describe("`add`: the actor's own request made it (AddDirectly, or answering theirs by asking); `accept`: agree / accept."),
    }),
  })
  .describe('A friendship became two-way.');

export const friendDeleted = z
  .object({
    ...envelope,
    type: z.literal('FriendDeleted'),
    data: z.object({
      from: userId,
      friends: z.array(userId).min(1).describe('Every friend the one request deleted.'),
      cause: z.enum(['delete', 'account_deleted']),
    }),
  })
  .describe('Friends were deleted (one direction: `from` no longer has them), by delete, batch_delete or an account deletion.');

export const blocked = z
  .object({
    ...envelope,
    type: z.literal('Blocked'),
    data: z.object({ from: userId.describe('Who blocks.'), to: userId.describe('Who is blocked.') }),
  })
  .describe('A blacklist entry was added.');

export const unblocked = z
  .object({
    ...envelope,
    type: z.literal('Unblocked'),
    data: z.object({ from: userId.describe('Who blocked.'), to: userId.describe('Who was blocked.') }),
  })
  .describe('A blacklist entry was removed (unblock, a friendship that lifted it, or an account deletion).');

export const profileChanged = z
  .object({
    ...envelope,
    type: z.literal('ProfileChanged'),
    data: z.object({ userId, changed: z.array(z.string()).min(1).describe('The names of the profile fields that changed.') }),
  })
  .describe('A user changed their profile.');

export const accountDeleted = z
  .object({
    ...envelope,
    type: z.literal('AccountDeleted'),
    data: z.object({ userId }),
  })
  .describe('An account was deleted (Tencent account_delete).');

/** Every event, by type. */
export const EVENT_SCHEMAS = {
  FriendRequestSent: friendRequestSent,
  FriendAdded: friendAdded,
  FriendDeleted: friendDeleted,
  Blocked: blocked,
  Unblocked: unblocked,
  ProfileChanged: profileChanged,
  AccountDeleted: accountDeleted,
} as const;

export const domainEvent = z.discriminatedUnion('type', [
  friendRequestSent,
  friendAdded,
  friendDeleted,
  blocked,
  unblocked,
  profileChanged,
  accountDeleted,
]);
export type DomainEvent = z.infer<typeof domainEvent>;
export type EventType = DomainEvent['type'];

/** The EventBridge `source` of every event; the `detail-type` is the event's `type`. */
export const EVENT_SOURCE = 'contactbook';

/** The events that change a relation between two users: the ones Tencent-compatible callbacks report. */
export const RELATIONSHIP_EVENT_TYPES = ['FriendAdded', 'FriendDeleted', 'Blocked', 'Unblocked'] as const satisfies readonly EventType[];
