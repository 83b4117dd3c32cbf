/**
 * Every key of the single table is built here, and nowhere else.
 *
 *   entity               pk                     sk
 *   user                 USER#<id>              PROFILE
 *   phone (unique)       PHONE#<phone>          PHONE
 *   stAccount (unique)   STACCOUNT#<account>    STACCOUNT
 *   friendship edge      USER#<me>              FRIEND#<friend>
 *   blacklist entry      USER#<me>              BLOCK#<other>
 *   id counter           COUNTER#<name>         COUNTER
 *
 * Other families add their rows below; README "Data model" lists them all.
 */
export interface Key {
  pk: string;
  sk: string;
}

export const USER_PROFILE_SK = 'PROFILE';
export const FRIEND_PREFIX = 'FRIEND#';
export const BLOCK_PREFIX = 'BLOCK#';

export const userPk = (userId: string) => `USER#${userId}`;

export const keys = {
  user: (userId: string): Key => ({ pk: userPk(userId), sk: USER_PROFILE_SK }),
  phone: (phone: string): Key => ({ pk: `PHONE#${phone}`, sk: 'PHONE' }),
  stAccount: (account: string): Key => ({ pk: `STACCOUNT#${account.toLowerCase()}`, sk: 'STACCOUNT' }),
  friendEdge: (me: string, friend: string): Key => ({ pk: userPk(me), sk: `${FRIEND_PREFIX}${friend}` }),
  block: (me: string, other: string): Key => ({ pk: userPk(me), sk: `${BLOCK_PREFIX}${other}` }),
  counter: (name: string): Key => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' }),
};

/** The id at the end of a sort key: `FRIEND#abc` → `abc`. */
export function idFromSk(sk: string, prefix: string): string {
  return sk.slice(prefix.length);
}

/**
 * Records that keep a copy of another user's card (`peer`), found from the card owner's side:
 * for each of my rows under `prefix`, `reverse(me, other)` is the row of `other` that holds my card.
 */
export const PEER_CARD_HOLDERS: ReadonlyArray<{ prefix: string; reverse: (me: string, other: string) => Key }> = [
  { prefix: FRIEND_PREFIX, reverse: (me, other) => keys.friendEdge(other, me) },
];
