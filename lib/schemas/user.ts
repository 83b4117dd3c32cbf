import * as z from 'zod';
import { text, userId } from './common.js';
import { sealTalkUserSchema } from './friendship.js';

export const setNicknameBody = z.object({ nickname: text(1, 32) });
export const setPortraitUriBody = z.object({ portraitUri: text(1, 1024) });
export const setGenderBody = z.object({ gender: z.enum(['male', 'female'], { error: 'must be "male" or "female"' }) });
export const setStAccountBody = z.object({
  stAccount: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{5,19}$/, 'must be 6–20 letters, digits, _ or -, starting with a letter'),
});
export const setPrivacyBody = z.object({ friVerify: z.union([z.literal(0), z.literal(1)], { error: 'must be 0 or 1' }) });
export const userIdParams = z.object({ id: userId });
export const findByPhoneParams = z.object({
  region: z.string().regex(/^\d{1,4}$/, 'must be 1–4 digits'),
  phone: z.string().regex(/^\d{3,20}$/, 'must be 3–20 digits'),
});
export const blacklistBody = z.object({ friendId: userId });

/** A user's SealTalk card: the shape `/friendship/*` answers with too. */
const publicUser = sealTalkUserSchema;

export const publicUserResult = publicUser;
export const foundUserResult = publicUser.pick({ id: true, nickname: true, portraitUri: true, gender: true, stAccount: true });
export const privacyResult = z.object({ friVerify: z.union([z.literal(0), z.literal(1)]) });
export const blacklistResult = z.array(z.object({ user: publicUser }));
