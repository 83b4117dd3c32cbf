import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  decideAgree,
  decideDelete,
  decideDescription,
  decideDisplayName,
  decideIgnore,
  decideInvite,
  FriendStatus,
  requireAgreed,
  type FriendEdge,
  type FriendStatus as Status,
  type PairState,
} from '../../lib/domain/friendship.js';
import { userFromClaims } from '../../lib/domain/user.js';
import { AlreadyFriendsError, InvalidInputError, NotFoundError, NotFriendError } from '../../lib/errors.js';

const NOW = 1_800_000_000_000;
const me = userFromClaims('me', { nickname: 'Me' }, NOW);
const friend = userFromClaims('friend', { nickname: 'Friend' }, NOW);

function edge(userId: string, friendId: string, status: Status, age = 0): FriendEdge {
  return {
    userId,
    friendId,
    status,
    displayName: 'dn',
    message: 'm',
    region: '',
    phone: '',
    description: '',
    imageUri: '',
    updatedAt: NOW - age,
    rev: 3,
    peer: userId === 'me' ? friend : me,
  };
}

function state(mine?: Status, theirs?: Status, options: { mineAge?: number; blocked?: boolean; friVerify?: 0 | 1 } = {}): PairState {
  return {
    me,
    friend: { ...friend, friVerify: options.friVerify ?? 1 },
    mine: mine === undefined ? undefined : edge('me', 'friend', mine, options.mineAge),
    theirs: theirs === undefined ? undefined : edge('friend', 'me', theirs),
    blockedByFriend: options.blocked ?? false,
  };
}

const S = FriendStatus;

describe('decideInvite', () => {
  it('sends a request when there are no edges: mine 10, theirs 11 with the message', () => {
    const { action, write } = decideInvite(state(), 'hello', NOW);
    expect(action).toBe('Sent');
    expect(write.mine).toMatchObject({ status: S.Requesting, message: '', userId: 'me', friendId: 'friend', rev: 0 });
    expect(write.theirs).toMatchObject({ status: S.Requested, message: 'hello', userId: 'friend', friendId: 'me' });
    expect(write.theirs?.peer.id).toBe('me');
  });

  it('adds directly, removing my own blacklist entry, when the friend does not verify requests', () => {
    const { action, write } = decideInvite(state(undefined, undefined, { friVerify: 0 }), '', NOW);
    expect(action).toBe('AddDirectly');
    expect(write.mine?.status).toBe(S.Agreed);
    expect(write.theirs?.status).toBe(S.Agreed);
    expect(write.unblock).toBe(true);
  });

  it('answers None and writes nothing when the friend blocks me', () => {
    expect(decideInvite(state(undefined, undefined, { blocked: true }), '', NOW)).toEqual({ action: 'None', write: {} });
  });

  it.each([
    [undefined, undefined],
    [S.Requesting, S.Requested],
    [S.Deleted, S.Agreed],
    [undefined, S.Requesting],
    [S.Deleted, S.Deleted],
  ] as const)("the friend's blacklist wins over friVerify 0 and every state (mine %s, theirs %s): None", (mine, theirs) => {
    expect(decideInvite(state(mine, theirs, { blocked: true, friVerify: 0 }), '', NOW)).toEqual({ action: 'None', write: {} });
    const verifying = state(mine, theirs, { blocked: true, friVerify: 1, mineAge: 4 * DAY_MS });
    expect(decideInvite(verifying, '', NOW)).toEqual({ action: 'None', write: {} });
  });

  it('refuses when both are agreed already', () => {
    expect(() => decideInvite(state(S.Agreed, S.Agreed), '', NOW)).toThrow(AlreadyFriendsError);
  });

  it('refuses to invite yourself', () => {
    expect(() => decideInvite({ ...state(), friend: me }, '', NOW)).toThrow(InvalidInputError);
  });

  it.each([
    [S.Requested, S.Requesting],
    [S.Deleted, S.Agreed],
    [undefined, S.Requesting],
  ] as const)('adds both when they asked first or still have me (mine %s, theirs %s)', (mine, theirs) => {
    const { action, write } = decideInvite(state(mine, theirs), '', NOW);
    expect(action).toBe('Added');
    expect(write.mine?.status).toBe(S.Agreed);
    expect(write.theirs?.status).toBe(S.Agreed);
  });

  it.each([
    [S.Deleted, S.Deleted, 0],
    [S.Agreed, S.Deleted, 0],
    [S.Requesting, S.Ignored, DAY_MS + 1],
    [S.Requesting, S.Requested, 3 * DAY_MS + 1],
  ] as const)('sends again (mine %s, theirs %s, request %s ms old)', (mine, theirs, age) => {
    const { action, write } = decideInvite(state(mine, theirs, { mineAge: age }), 'again', NOW);
    expect(action).toBe('Sent');
    expect(write.mine).toMatchObject({ status: S.Requesting, rev: 3 });
    expect(write.theirs).toMatchObject({ status: S.Requested, message: 'again' });
  });

  it.each([
    [S.Requesting, S.Ignored, DAY_MS],
    [S.Requesting, S.Requested, 3 * DAY_MS],
    [S.Requesting, S.Requested, 0],
    [S.Ignored, S.Requesting + 20, 0],
    [S.Deleted, S.Requested, 0],
  ] as const)('answers None while a request is pending or recently ignored (mine %s, theirs %s, age %s)', (mine, theirs, age) => {
    expect(decideInvite(state(mine, theirs as Status, { mineAge: age }), '', NOW)).toEqual({ action: 'None', write: {} });
  });
});

describe('decideAgree', () => {
  it('makes both agreed from requested, and removes blacklist entries', () => {
    const write = decideAgree(state(S.Requested, S.Requesting), NOW);
    expect(write.mine?.status).toBe(S.Agreed);
    expect(write.theirs?.status).toBe(S.Agreed);
    expect(write.unblock).toBe(true);
  });
  it('is idempotent from agreed', () => {
    expect(decideAgree(state(S.Agreed, S.Deleted), NOW).theirs?.status).toBe(S.Agreed);
  });
  it.each([undefined, S.Requesting, S.Ignored, S.Deleted] as const)('is 404 from %s', (mine) => {
    expect(() => decideAgree(state(mine, S.Requesting), NOW)).toThrow(NotFoundError);
  });
});

describe('single-edge rules', () => {
  it('ignore: requested → ignored, else 404', () => {
    expect(decideIgnore(edge('me', 'friend', S.Requested), NOW).status).toBe(S.Ignored);
    expect(() => decideIgnore(edge('me', 'friend', S.Agreed), NOW)).toThrow(NotFoundError);
    expect(() => decideIgnore(undefined, NOW)).toThrow(NotFoundError);
  });
  it('delete: agreed → deleted with display name and message cleared, else 404', () => {
    expect(decideDelete(edge('me', 'friend', S.Agreed), NOW)).toMatchObject({ status: S.Deleted, displayName: '', message: '' });
    expect(() => decideDelete(edge('me', 'friend', S.Requested), NOW)).toThrow(NotFoundError);
  });
  it('display name needs an agreed edge', () => {
    expect(decideDisplayName(edge('me', 'friend', S.Agreed), 'Bob', NOW).displayName).toBe('Bob');
    expect(() => decideDisplayName(edge('me', 'friend', S.Deleted), 'Bob', NOW)).toThrow(NotFoundError);
  });
  it('description: region and phone together, only given fields change, any edge', () => {
    const next = decideDescription(edge('me', 'friend', S.Requesting), { region: '86', phone: '139', description: '' }, NOW);
    expect(next).toMatchObject({ region: '86', phone: '139', description: '', displayName: 'dn' });
    expect(() => decideDescription(edge('me', 'friend', S.Agreed), { region: '86' }, NOW)).toThrow(InvalidInputError);
    expect(() => decideDescription(undefined, { description: 'x' }, NOW)).toThrow(NotFoundError);
  });
  it('profile needs an agreed edge (403 otherwise)', () => {
    expect(() => requireAgreed(edge('me', 'friend', S.Requested))).toThrow(NotFriendError);
  });
});
