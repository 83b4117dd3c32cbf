import * as z from 'zod';
import type { ContactRef } from '../domain/contact.js';
import { userId } from './common.js';
import { conversationType, fromAccount, timGroupId } from './tencent.js';

/**
 * Bodies of Tencent's recent-contact list (docs/behaviour.md#recent-contact-list-tencent-im), with Tencent's field names as they are on the
 * wire. Each call names its group field its own way: `GroupId` in `top` and in `get_list`'s
 * answer, `ToGroupid` (small d) in `delete`.
 */

/** Largest `TimeStamp` / `TopTimeStamp` (seconds, an unsigned 32-bit number as Tencent's are). */
const MAX_SECONDS = 4_294_967_295;
/**
 * Largest `StartIndex` / `TopStartIndex`: how many conversations of one second a client has paged
 * past. Bounded so a page stays one Query under DynamoDB's 1 MB page.
 */
export const MAX_START_INDEX = 1000;
/** Conversations one `top` call may name (Tencent gives no limit; at most 50 can ever be pinned). */
export const TOP_ITEMS_MAX = 100;

const wholeNumber = (max: number) =>
  z.number({ error: 'must be an integer' }).int('must be an integer').min(0, 'must not be negative').max(max, `must be at most ${max}`);

export const getListBody = z.object({
  From_Account: fromAccount,
  TimeStamp: wholeNumber(MAX_SECONDS),
  StartIndex: wholeNumber(MAX_START_INDEX),
  TopTimeStamp: wholeNumber(MAX_SECONDS),
  TopStartIndex: wholeNumber(MAX_START_INDEX),
  /** Bits 0 pinned, 1 empty conversations, 2 pinned paging; higher bits (Tencent now sends 15 or 63) are accepted and ignored. */
  AssistFlags: wholeNumber(MAX_SECONDS),
});

const anyType = z.union([conversationType(1), conversationType(2)], { error: 'must be 1 (C2C) or 2 (group)' });

/**
 * A conversation given as `{Type, To_Account}` or `{Type, <groupField>}`: the field of the type is
 * required, and a user has no C2C conversation with themselves.
 */
function conversationRef<G extends 'GroupId' | 'ToGroupid'>(
  value: { From_Account?: string; Type: 1 | 2; To_Account?: string | undefined } & Partial<Record<G, string>>,
  groupField: G,
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): ContactRef {
  if (value.Type === 1) {
    if (value.To_Account === undefined)
      ctx.addIssue({ code: 'custom', path: [...path, 'To_Account'], message: 'is required when Type is 1' });
    else if (value.To_Account === value.From_Account)
      ctx.addIssue({ code: 'custom', path: [...path, 'To_Account'], message: 'must not be From_Account' });
    return { kind: 'user', peerId: value.To_Account ?? '' };
  }
  const groupId = value[groupField];
  if (groupId === undefined) ctx.addIssue({ code: 'custom', path: [...path, groupField], message: 'is required when Type is 2' });
  return { kind: 'group', peerId: groupId ?? '' };
}

export const deleteBody = z
  .object({
    From_Account: fromAccount,
    Type: anyType,
    To_Account: userId.optional(),
    ToGroupid: timGroupId.optional(),
    /** Tencent: also clear the roaming messages. No messages are stored here, so it changes nothing. */
    ClearRamble: z.union([z.literal(0), z.literal(1)], { error: 'must be 0 or 1' }).optional(),
  })
  .transform((value, ctx) => ({ fromAccount: value.From_Account, ref: conversationRef(value, 'ToGroupid', ctx) }));

const topItem = z.object({ Type: anyType, To_Account: userId.optional(), GroupId: timGroupId.optional() });

export const topBody = z
  .object({
    From_Account: fromAccount,
    OperationType: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 (pin) or 2 (unpin)' }),
    RecentContactItem: z
      .array(topItem, { error: 'must be an array of conversations' })
      .min(1, 'must list at least one conversation')
      .max(TOP_ITEMS_MAX, `must list at most ${TOP_ITEMS_MAX} conversations`),
  })
  .transform((value, ctx) => ({
    fromAccount: value.From_Account,
    pin: value.OperationType === 1,
    refs: value.RecentContactItem.map((item, i) =>
      conversationRef({ ...item, From_Account: value.From_Account }, 'GroupId', ctx, ['RecentContactItem', i]),
    ),
  }));

/* Response shapes, for OpenAPI. */

export const sessionItemSchema = z.union([
  z.object({ Type: z.literal(1), To_Account: z.string(), MsgTime: z.number().int(), TopFlag: z.union([z.literal(0), z.literal(1)]) }),
  z.object({ Type: z.literal(2), GroupId: z.string(), MsgTime: z.number().int(), TopFlag: z.union([z.literal(0), z.literal(1)]) }),
]);

export const getListResult = z.object({
  SessionItem: z.array(sessionItemSchema),
  CompleteFlag: z.union([z.literal(0), z.literal(1)]),
  TimeStamp: z.number().int(),
  StartIndex: z.number().int(),
  TopTimeStamp: z.number().int(),
  TopStartIndex: z.number().int(),
});

/** `delete` and `top` answer the bare envelope. */
export const emptyResult = z.object({});
