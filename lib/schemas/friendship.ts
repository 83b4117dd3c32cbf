import * as z from 'zod';
import { DESCRIPTION_MAX, DISPLAY_NAME_MAX, MESSAGE_MAX } from '../domain/friendship.js';
import { text, userId } from './common.js';

export const friendIdBody = z.object({ friendId: userId });

export const inviteBody = z.object({ friendId: userId, message: text(0, MESSAGE_MAX).default('') });

export const setDisplayNameBody = z.object({ friendId: userId, displayName: text(0, DISPLAY_NAME_MAX) });

export const batchDeleteBody = z.object({
  friendIds: z
    .array(userId)
    .min(1, 'must list at least one friend')
    .max(100, 'must list at most 100 friends')
    .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an id' }),
});

export const contactsInfoBody = z.object({
  contactList: z.array(text(1, 32)).min(1, 'must list at least one phone').max(500, 'must list at most 500 phones'),
});

export const setFriendDescriptionBody = z.object({
  friendId: userId,
  displayName: text(0, DISPLAY_NAME_MAX).optional(),
  region: text(0, 8).optional(),
  phone: text(0, 32).optional(),
  description: text(0, DESCRIPTION_MAX).optional(),
  imageUri: text(0, 1024).optional(),
});

export const friendIdParams = z.object({ friendId: userId });

const sealTalkUser = z.object({
  id: z.string(),
  nickname: z.string(),
  region: z.string(),
  phone: z.string(),
  portraitUri: z.string(),
  gender: z.string(),
  stAccount: z.string(),
});

export const inviteResult = z.object({ action: z.enum(['Added', 'None', 'Sent', 'AddDirectly']) });
export const friendListResult = z.array(
  z.object({
    displayName: z.string(),
    message: z.string(),
    status: z.number().int(),
    updatedAt: z.string(),
    updatedTime: z.string(),
    user: sealTalkUser,
  }),
);
export const friendProfileResult = z.object({ displayName: z.string(), user: sealTalkUser });
export const contactsInfoResult = z.array(
  z.object({
    registered: z.union([z.literal(0), z.literal(1)]),
    relationship: z.union([z.literal(0), z.literal(1), z.literal('')]),
    stAccount: z.string(),
    phone: z.string(),
    id: z.string(),
    nickname: z.string(),
    portraitUri: z.string(),
  }),
);
export const friendDescriptionResult = z.object({
  displayName: z.string(),
  region: z.string(),
  phone: z.string(),
  description: z.string(),
  imageUri: z.string(),
});
export { sealTalkUser as sealTalkUserSchema };
