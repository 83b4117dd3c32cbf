import * as z from 'zod';
import { CONTACT_AREAS, type ContactRef } from '../domain/contact.js';
import { RELATION_ACTIONS } from '../domain/relation.js';
import { text, userId } from './common.js';

/**
 * FeatAPI inputs. User ids are strings (docs/behaviour.md#contact-list-featapi); FeatAPI's docs type them as integers, so a JSON
 * number is accepted too and read as its decimal string. Group ids are positive integers.
 */
export const featUserId = z
  .union([z.string({ error: 'must be a user id' }), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)], {
    error: 'must be a user id',
  })
  .transform((value) => String(value))
  .pipe(userId);

export const featGroupId = z
  .union([z.string().regex(/^[1-9]\d{0,14}$/, 'must be a positive integer'), z.number().int().positive().max(Number.MAX_SAFE_INTEGER)], {
    error: 'must be a positive integer',
  })
  .transform((value) => Number(value));

const ONE_PEER = { message: 'exactly one of user or group is required' };

/** `?user=ID` or `?group=ID`, exactly one. */
export const contactRefQuery = z
  .object({ user: featUserId.optional(), group: featGroupId.optional() })
  .refine((value) => (value.user === undefined) !== (value.group === undefined), ONE_PEER);

export const contactRefBody = contactRefQuery;

export function contactRefOf(value: { user?: string; group?: number }): ContactRef {
  return value.user !== undefined ? { kind: 'user', peerId: value.user } : { kind: 'group', peerId: String(value.group) };
}

export const areaSchema = z.enum(CONTACT_AREAS);

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const listContactsQuery = z.object({
  area: z.enum([...CONTACT_AREAS, 'all']).default('inbox'),
  page_size: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PAGE_SIZE))
    .optional(),
  cursor: z.string().min(1).max(1024).optional(),
});

export const moveContactBody = z
  .object({ user: featUserId.optional(), group: featGroupId.optional(), area: areaSchema })
  .refine((value) => (value.user === undefined) !== (value.group === undefined), ONE_PEER);

export const updateRelationBody = z.object({ action: z.enum(RELATION_ACTIONS), friend: featUserId });

export const MARK_READ_MAX = 100;

export const markReadBody = z
  .object({ from_user: z.array(featUserId), to_group: z.array(featGroupId) })
  .refine((value) => value.from_user.length + value.to_group.length >= 1, { message: 'list at least one user or group' })
  .refine((value) => value.from_user.length + value.to_group.length <= MARK_READ_MAX, {
    message: `list at most ${MARK_READ_MAX} users and groups in all`,
  });

/** Message ids follow the user-id rule: 1–128 printable characters. */
export const messageId = userId;

export const activityBody = z
  .object({ message_id: messageId, from: featUserId, to_user: featUserId.optional(), to_group: featGroupId.optional() })
  .refine((value) => (value.to_user === undefined) !== (value.to_group === undefined), {
    message: 'exactly one of to_user or to_group is required',
  });

/** Members one create / add_members call may add: each costs a member item and a contact (2 × 40 + 2 ≤ 100 transaction items). */
export const MEMBERS_MAX = 40;

export const createGroupBody = z.object({
  name: text(1, 64),
  creator: featUserId,
  members: z.array(featUserId).max(MEMBERS_MAX, `must list at most ${MEMBERS_MAX} members`).default([]),
});

export const addMembersBody = z.object({
  group: featGroupId,
  members: z.array(featUserId).min(1, 'must list at least one member').max(MEMBERS_MAX, `must list at most ${MEMBERS_MAX} members`),
});

/* Response shapes, for OpenAPI. */

export const featGroupView = z.object({
  id: z.number().int(),
  name: z.string(),
  creator: z.string(),
  creator_fullname: z.string(),
  create_time: z.string(),
  status: z.number().int(),
  is_valid: z.boolean(),
  bundle_id: z.string().nullable(),
});

export const featContactView = z.object({
  id: z.number().int(),
  group: featGroupView.nullable(),
  friend: z.string().nullable(),
  friend_fullname: z.string().nullable(),
  friend_first_name: z.string().nullable(),
  friend_last_name: z.string().nullable(),
  unread_count: z.number().int(),
  status: z.number().int(),
  contact_time: z.string(),
  expertise: z.string().nullable(),
  timezone: z.string().nullable(),
  timezone_utc_offset: z.string().nullable(),
  location: z.string().nullable(),
  avatar: z.string().nullable(),
});

export const contactPage = z.object({ next: z.string().nullable(), previous: z.string().nullable(), results: z.array(featContactView) });
export const successDetail = z.object({ detail: z.string(), is_success: z.literal(true) });
export const addMembersResult = z.object({ group: featGroupView, added: z.array(z.string()) });
export const activityResult = z.object({ message_id: z.string(), duplicate: z.boolean() });
