import { UnknownUserError } from '../errors.js';

/**
 * The user record (docs/behaviour.md#users) and the profile copies other records carry.
 * Plain data and pure functions only; the store reads and writes them.
 */
export interface User {
  id: string;
  nickname: string;
  region: string;
  phone: string;
  portraitUri: string;
  gender: string;
  stAccount: string;
  firstName: string;
  lastName: string;
  fullname: string;
  expertise: string | null;
  timezone: string | null;
  location: string | null;
  avatar: string | null;
  /** 1: friend requests need approval (default); 0: anyone is added directly. */
  friVerify: 0 | 1;
  createdAt: number;
  updatedAt: number;
  /**
   * Revision of the record, bumped by every change (absent until the first one): a write that
   * copies this user's card or relies on `friVerify` conditions on it (`store/users.ts` userUnchanged).
   */
  rev?: number;
}

/**
 * What a relation or contact keeps of the other user, so that lists are one Query with no
 * per-friend reads. Kept fresh by the profile fan-out in `store/users.ts`.
 */
export type PeerCard = Pick<
  User,
  | 'id'
  | 'nickname'
  | 'region'
  | 'phone'
  | 'portraitUri'
  | 'gender'
  | 'stAccount'
  | 'firstName'
  | 'lastName'
  | 'fullname'
  | 'expertise'
  | 'timezone'
  | 'location'
  | 'avatar'
  | 'rev'
>;

/** SealTalk's `user {…}` object. */
export interface SealTalkUser {
  id: string;
  nickname: string;
  region: string;
  phone: string;
  portraitUri: string;
  gender: string;
  stAccount: string;
}

/** The card carries the record's `rev`, so that a late fan-out never overwrites a newer copy. */
export function peerCard(user: User): PeerCard {
  const {
    id,
    nickname,
    region,
    phone,
    portraitUri,
    gender,
    stAccount,
    firstName,
    lastName,
    fullname,
    expertise,
    timezone,
    location,
    avatar,
    rev,
  } = user;
  return {
    id,
    nickname,
    region,
    phone,
    portraitUri,
    gender,
    stAccount,
    firstName,
    lastName,
    fullname,
    expertise,
    timezone,
    location,
    avatar,
    rev,
  };
}

/**
 * What a phone claim keeps of its holder: the fields get_contacts_info answers, so that it reads no
 * user record. Carries the record's `rev`, like every card, for the fan-out's ordering guard.
 */
export type PhoneCard = Pick<User, 'id' | 'nickname' | 'portraitUri' | 'stAccount' | 'rev'>;

export function phoneCard(user: User): PhoneCard {
  const { id, nickname, portraitUri, stAccount, rev } = user;
  return { id, nickname, portraitUri, stAccount, rev };
}

export function sealTalkUser(user: PeerCard): SealTalkUser {
  const { id, nickname, region, phone, portraitUri, gender, stAccount } = user;
  return { id, nickname, region, phone, portraitUri, gender, stAccount };
}

/** Who is looking at a profile: the user themself, an agreed friend, or anyone else. */
export type Viewer = 'self' | 'friend' | 'other';

/**
 * A user's SealTalk card as `viewer` may see it: phone and region only for the user themself and for
 * agreed friends; everyone else gets them as "" (docs/identity-and-privacy.md).
 */
export function profileSeenBy(user: PeerCard, viewer: Viewer): SealTalkUser {
  const card = sealTalkUser(user);
  return viewer === 'other' ? { ...card, region: '', phone: '' } : card;
}

const UNSTORABLE = /[\p{Cc}\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/**
 * A claim as stored text: at most `max` characters (code points, so no surrogate pair is split), with
 * lone surrogates and control characters dropped — a token's claims are held to what input may store.
 */
const text = (value: unknown, max: number): string =>
  typeof value === 'string'
    ? Array.from(value.slice(0, max * 2).replace(UNSTORABLE, ''))
        .slice(0, max)
        .join('')
    : '';
const textOrNull = (value: unknown, max: number): string | null => text(value, max) || null;

/**
 * A new user from the token's claims (docs/behaviour.md#users: created on the first authenticated call).
 * Standard OIDC names are used where they exist (`name`, `given_name`, `phone_number`, `picture`).
 */
export function userFromClaims(userId: string, claims: Record<string, unknown>, now: number): User {
  const firstName = text(claims.given_name ?? claims.first_name, 64);
  const lastName = text(claims.family_name ?? claims.last_name, 64);
  const fullname = text(claims.name, 128) || [lastName, firstName].filter(Boolean).join(' ');
  const nickname = text(claims.nickname, 32) || fullname.slice(0, 32);
  const phoneClaim = text(claims.phone ?? claims.phone_number, 32);
  const { region, phone } = splitPhone(phoneClaim, text(claims.region, 8));
  return {
    id: userId,
    nickname,
    region,
    phone,
    portraitUri: text(claims.portraitUri ?? claims.picture, 256),
    gender: text(claims.gender, 16),
    stAccount: '',
    firstName,
    lastName,
    fullname,
    expertise: textOrNull(claims.expertise, 128),
    timezone: textOrNull(claims.zoneinfo ?? claims.timezone, 64),
    location: textOrNull(claims.location, 64),
    avatar: textOrNull(claims.avatar ?? claims.picture, 256),
    friVerify: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The record of a caller whose phone another user holds already: the same user without a phone. A
 * phone belongs to one user, and the caller is registered rather than refused.
 */
export function userWithoutPhone(userId: string, claims: Record<string, unknown>, now: number): User {
  return userFromClaims(userId, { ...claims, phone: undefined, phone_number: undefined }, now);
}

/**
 * set_st_account: the user record with the new account (a profile change: `rev` moves), or
 * undefined when the account is the user's already.
 */
export function decideStAccount(current: User | undefined, userId: string, stAccount: string, now: number): User | undefined {
  if (!current) throw new UnknownUserError(userId);
  if (current.stAccount === stAccount) return undefined;
  return { ...current, stAccount, updatedAt: now, rev: (current.rev ?? 0) + 1 };
}

/** `+8613900000000` → region 86, phone 13900000000 when no region is given (E.164 from OIDC). */
function splitPhone(phone: string, region: string): { region: string; phone: string } {
  if (!phone) return { region, phone: '' };
  if (region || !phone.startsWith('+')) return { region, phone: phone.replace(/^\+/, '') };
  const digits = phone.slice(1);
  const code = digits.startsWith('1') || digits.startsWith('7') ? digits.slice(0, 1) : digits.slice(0, 2);
  return { region: code, phone: digits.slice(code.length) };
}
