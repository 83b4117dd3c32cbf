import * as z from 'zod';
import { CUSTOM_MARK_MAX_BYTES, SEARCH_MAX } from '../domain/conversation-limits.js';
import { byteCount, isStorableText, STORABLE_TEXT_MESSAGE } from './common.js';
import { conversationItem, fromAccount } from './tencent.js';

/**
 * Bodies and answers of Tencent's conversation marks and groups (docs/behaviour.md#marks-and-groups-tencent-im), with Tencent's field
 * names as they are on the wire. Counts and name lengths that Tencent answers with their own codes
 * (51006 marks per call, 51011 name bytes) are checked by the rules in `lib/domain`, not here, so
 * that a too-long list or name gets its Tencent code instead of the generic 50002.
 */

/** Loose upper bounds that only keep absurd input out before the rules run. */
const LIST_SANITY_MAX = 10_000;
const TEXT_SANITY_MAX = 4_096;

const integerIn = (min: number, max: number) =>
  z
    .number({ error: 'must be an integer' })
    .int('must be an integer')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const oneOf = <const T extends readonly number[]>(...values: T) => z.literal(values, { error: `must be one of ${values.join(', ')}` });

const list = <T extends z.ZodType>(item: T) =>
  z.array(item, { error: 'must be an array' }).max(LIST_SANITY_MAX, `must have at most ${LIST_SANITY_MAX} items`);

/** A group name as sent; its 1–32 byte rule is Tencent's 51011. */
const groupName = z
  .string({ error: 'must be a string' })
  .max(TEXT_SANITY_MAX, `must be at most ${TEXT_SANITY_MAX} characters`)
  .refine(isStorableText, STORABLE_TEXT_MESSAGE);

/** Bit numbers of the 64-bit StandardMark. */
const markBit = integerIn(0, 63);

export const markItem = z
  .object({
    /** 1 standard mark, 2 custom mark, 3 both. */
    OptType: oneOf(1, 2, 3),
    ContactItem: conversationItem,
    SetMark: z.array(markBit, { error: 'must be an array of bit numbers 0–63' }).max(64, 'must have at most 64 bits').optional(),
    ClearMark: z.array(markBit, { error: 'must be an array of bit numbers 0–63' }).max(64, 'must have at most 64 bits').optional(),
    CustomMark: z
      .string({ error: 'must be a string' })
      .refine(isStorableText, { message: STORABLE_TEXT_MESSAGE, abort: true })
      .refine((mark) => byteCount(mark) <= CUSTOM_MARK_MAX_BYTES, `must be at most ${CUSTOM_MARK_MAX_BYTES} bytes`)
      .optional(),
  })
  .refine((item) => item.OptType === 1 || item.CustomMark !== undefined, {
    message: 'CustomMark is required when OptType is 2 or 3',
    path: ['CustomMark'],
  })
  .refine((item) => !(item.SetMark ?? []).some((bit) => (item.ClearMark ?? []).includes(bit)), {
    message: 'a bit cannot be both set and cleared',
    path: ['ClearMark'],
  });

export type MarkItemInput = z.output<typeof markItem>;

export const markContactBody = z.object({
  From_Account: fromAccount,
  /** 1–100 items (else 51006). */
  MarkItem: list(markItem),
});

export const createContactGroupBody = z.object({
  From_Account: fromAccount,
  /** Tencent takes one group per call. */
  GroupContactItem: z
    .array(z.object({ GroupName: groupName, ContactItem: list(conversationItem).optional() }), { error: 'must be an array' })
    .length(1, 'must hold exactly one group (Tencent creates one group per call)'),
});

const contactUpdateItem = z.object({
  /** 1 add the conversation to the group, 2 remove it. */
  ContactOptType: oneOf(1, 2),
  ContactItem: conversationItem,
});

const renameGroup = z.object({
  UpdateGroupType: z.literal(1),
  OldGroupName: groupName,
  NewGroupName: groupName,
});

const updateGroupMembers = z.object({
  UpdateGroupType: z.literal(2),
  OldGroupName: groupName,
  ContactUpdateItem: list(contactUpdateItem),
});

export const updateContactGroupBody = z.object({
  From_Account: fromAccount,
  /** Tencent has one update type: 1, a change to one group. */
  UpdateType: z.literal(1, { error: 'must be 1' }),
  UpdateGroup: z.discriminatedUnion('UpdateGroupType', [renameGroup, updateGroupMembers], {
    error: 'must be {UpdateGroupType: 1, OldGroupName, NewGroupName} or {UpdateGroupType: 2, OldGroupName, ContactUpdateItem}',
  }),
});

export const delContactGroupBody = z.object({
  From_Account: fromAccount,
  GroupName: z.array(groupName, { error: 'must be an array of one group name' }).length(1, 'must hold exactly one group name'),
});

export const getContactGroupBody = z.object({
  From_Account: fromAccount,
  /** 0 on the first call, then the NextStartIndex of the previous answer. */
  StartIndex: integerIn(0, Number.MAX_SAFE_INTEGER),
});

export const searchContactGroupBody = z.object({
  From_Account: fromAccount,
  ContactItem: z
    .array(conversationItem, { error: 'must be an array' })
    .min(1, 'must name at least 1 conversation')
    .max(SEARCH_MAX, `must name at most ${SEARCH_MAX} conversations`),
});

/* ---- answers (for OpenAPI) ---- */

const contactWire = z.union([
  z.object({ Type: z.literal(1), To_Account: z.string() }),
  z.object({ Type: z.literal(2), ToGroupId: z.string() }),
]);

const itemResult = { ResultCode: z.number().int(), ResultInfo: z.string() };

export const groupItem = z.object({ GroupName: z.string(), GroupId: z.number().int() });

/** One conversation's marks and groups, as get_contact_group and search_contact_group show it. */
export const contactMarkView = z.object({
  Type: z.union([z.literal(1), z.literal(2)]),
  To_Account: z.string().optional(),
  ToGroupId: z.string().optional(),
  StandardMark: z.string(),
  CustomMark: z.string().optional(),
  ContactGroupId: z.array(z.number().int()).optional(),
  Timestamp: z.number().int(),
});

export const markContactResult = z.object({
  ResultItem: z.array(z.object({ OptType: z.number().int(), ContactItem: contactWire, ...itemResult })),
});

export const createContactGroupResult = z.object({
  GroupResultItem: z.array(z.object({ GroupItem: groupItem, ResultItem: z.array(z.object({ ContactItem: contactWire, ...itemResult })) })),
});

export const updateContactGroupResult = z.object({
  UpdateType: z.literal(1),
  UpdateGroupResult: z.object({
    UpdateGroupType: z.union([z.literal(1), z.literal(2)]),
    GroupName: z.string(),
    GroupId: z.number().int(),
    OldGroupName: z.string().optional(),
    ContactResultItem: z.array(z.object({ ContactOptType: z.number().int(), ContactItem: contactWire, ...itemResult })).optional(),
  }),
});

export const delContactGroupResult = z.object({ GroupItem: z.array(groupItem) });

export const getContactGroupResult = z.object({
  ContactItem: z.array(contactMarkView),
  GroupItem: z.array(groupItem),
  CompleteFlag: z.union([z.literal(0), z.literal(1)]),
  NextStartIndex: z.number().int(),
});

export const searchContactGroupResult = z.object({
  ContactResultItem: z.array(contactMarkView),
  GroupItem: z.array(groupItem),
});
