import * as z from 'zod';
import { hasControlCharacters, isStorableText, STORABLE_TEXT_MESSAGE, userId } from './common.js';

/**
 * Pieces every Tencent `v4/recentcontact/*` body shares (docs/behaviour.md#marks-and-groups-tencent-im,
 * #recent-contact-list-tencent-im). Tencent's own field names are kept as they are on the wire (`From_Account`,
 * `To_Account`, `ToGroupId`).
 */

/** The user whose conversations are read or changed; must be an existing account (else 50001). */
export const fromAccount = userId;

/** Tencent group ids are strings (`@TGS#…` or app-chosen), up to 48 bytes. */
export const timGroupId = z
  .string({ error: 'must be a string' })
  .refine(isStorableText, { message: STORABLE_TEXT_MESSAGE, abort: true })
  .refine((value) => !hasControlCharacters(value), 'must not contain control characters')
  .refine((value) => value.length >= 1, 'must not be empty')
  .refine((value) => value.length <= 48, 'must be at most 48 characters');

/** `Type` is 1 (C2C) or 2 (group). Tencent's docs call it a String but send a number; both are accepted. */
export const conversationType = <T extends 1 | 2>(value: T) =>
  z.union([z.literal(value), z.literal(String(value))]).transform((): T => value);

/** A conversation: `{Type: 1, To_Account}` or `{Type: 2, ToGroupId}`. */
export const conversationItem = z.union(
  [z.object({ Type: conversationType(1), To_Account: userId }), z.object({ Type: conversationType(2), ToGroupId: timGroupId })],
  { error: 'must be {Type: 1, To_Account} or {Type: 2, ToGroupId}' },
);

export type ConversationItem = z.output<typeof conversationItem>;

/** The wire form of a conversation, as Tencent echoes it back. */
export function conversationWire(item: ConversationItem): { Type: 1; To_Account: string } | { Type: 2; ToGroupId: string } {
  return item.Type === 1 ? { Type: 1, To_Account: item.To_Account } : { Type: 2, ToGroupId: item.ToGroupId };
}

/** A stable text id of a conversation, for keys and maps: `C2C#<account>` / `GROUP#<groupId>`. */
export function conversationId(item: ConversationItem): string {
  return item.Type === 1 ? `C2C#${item.To_Account}` : `GROUP#${item.ToGroupId}`;
}
