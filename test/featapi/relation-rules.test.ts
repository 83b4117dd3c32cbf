import { describe, expect, it } from 'vitest';
import { featContactView, featTime, type ContactRecord } from '../../lib/domain/contact.js';
import { FeatStatus } from '../../lib/domain/relation.js';
import { DAY_MS, decideInvite, FriendStatus, type FriendEdge, type FriendStatus as Status } from '../../lib/domain/friendship.js';
import { decideRelation, featStatusOf, RECALL_WINDOW_MS, REJECT_HOLD_MS, type RelationState } from '../../lib/domain/relation.js';
import { peerCard, userFromClaims } from '../../lib/domain/user.js';
import { InvalidInputError, NotFoundError, TemporarilyBlockedError } from '../../lib/errors.js';

const NOW = 1_800_000_000_000;
const me = userFromClaims('me', { nickname: 'Me' }, NOW);
const friend = userFromClaims('friend', { nickname: 'Friend' }, NOW);

function edge(userId: string, friendId: string, status: Status, extra: Partial<FriendEdge> = {}): FriendEdge {
  return {
    userId,
    friendId,
    status,
    displayName: '',
    message: '',
    region: '',
    phone: '',
    description: '',
    imageUri: '',
    updatedAt: NOW - 1000,
    rev: 2,
    peer: userId === 'me' ? friend : me,
    ...extra,
  };
}

function state(
  mine?: FriendEdge | Status,
  theirs?: FriendEdge | Status,
  options: { blockedByMe?: boolean; blockedByFriend?: boolean } = {},
): RelationState {
  const asEdge = (value: FriendEdge | Status | undefined, from: string, to: string) =>
    value === undefined ? undefined : typeof value === 'number' ? edge(from, to, value) : value;
  return {
    me,
    friend,
    mine: asEdge(mine, 'me', 'friend'),
    theirs: asEdge(theirs, 'friend', 'me'),
    blockedByMe: options.blockedByMe ?? false,
    blockedByFriend: options.blockedByFriend ?? false,
  };
}

const S = FriendStatus;

describe('featStatusOf: FeatAPI status from the SealTalk edges', () => {
  it.each([
    ['no edge', undefined, false, FeatStatus.Stranger],
    ['my edge 10 (I applied)', edge('me', 'friend', S.Requesting), false, FeatStatus.Creating],
    ['my edge 11 (they applied)', edge('me', 'friend', S.Requested), false, FeatStatus.Applying],
    ['my edge 20', edge('me', 'friend', S.Agreed), false, FeatStatus.Created],
    ['my edge 21 (I ignored / rejected)', edge('me', 'friend', S.Ignored), false, FeatStatus.Stranger],
    ['my edge 30', edge('me', 'friend', S.Deleted), false, FeatStatus.Stranger],
    ['my edge 10, rejected by them', edge('me', 'friend', S.Requesting, { rejectedUntil: NOW + DAY_MS }), false, FeatStatus.Rejected],
    [
      'rejected, month over: still 500 until I apply again',
      edge('me', 'friend', S.Requesting, { rejectedUntil: NOW - 1 }),
      false,
      FeatStatus.Rejected,
    ],
    ['recalled twice, within the hold', edge('me', 'friend', S.Deleted, { recallBlockedUntil: NOW + 1 }), false, FeatStatus.Recalled],
    ['recalled twice, hold over', edge('me', 'friend', S.Deleted, { recallBlockedUntil: NOW }), false, FeatStatus.Stranger],
    ['blacklisted, whatever the edge', edge('me', 'friend', S.Agreed), true, FeatStatus.Black],
    ['blacklisted, no edge', undefined, true, FeatStatus.Black],
  ])('%s', (_name, mine, blocked, expected) => {
    expect(featStatusOf(mine, blocked, NOW)).toBe(expected);
  });
});

describe('decideRelation: FeatAPI actions as edge writes', () => {
  it('apply to a stranger: mine 10 (100), theirs 11 (200), contacts touched', () => {
    const decision = decideRelation('apply', state(), NOW);
    expect(decision.write.mine?.status).toBe(S.Requesting);
    expect(decision.write.theirs?.status).toBe(S.Requested);
    expect(decision.activity).toBe(true);
    expect(featStatusOf(decision.write.mine, false, NOW)).toBe(FeatStatus.Creating);
    expect(featStatusOf(decision.write.theirs, false, NOW)).toBe(FeatStatus.Applying);
  });

  it('apply when they applied first: both 20 (300), and old holds are cleared', () => {
    const decision = decideRelation('apply', state(S.Requested, S.Requesting), NOW);
    expect([decision.write.mine?.status, decision.write.theirs?.status]).toEqual([S.Agreed, S.Agreed]);
    const rejectedApplicant = edge('friend', 'me', S.Requesting, { rejectedUntil: NOW + DAY_MS });
    const changedMind = decideRelation('apply', state(S.Ignored, rejectedApplicant), NOW);
    expect(changedMind.write.theirs).toMatchObject({ status: S.Agreed });
    expect(changedMind.write.theirs?.rejectedUntil).toBeUndefined();
  });

  it('apply refuses: to myself, to a user I black, a pending request, a friend who blocks me', () => {
    expect(() => decideRelation('apply', { ...state(), friend: me }, NOW)).toThrow(InvalidInputError);
    expect(() => decideRelation('apply', state(undefined, undefined, { blockedByMe: true }), NOW)).toThrow(InvalidInputError);
    expect(() => decideRelation('apply', state(S.Requesting, S.Requested), NOW)).toThrow(InvalidInputError);
    expect(() => decideRelation('apply', state(undefined, undefined, { blockedByFriend: true }), NOW)).toThrow(InvalidInputError);
  });

  it("apply: the friend's blacklist comes first, before friVerify 0, their pending request and my holds", () => {
    const directly = { ...state(undefined, undefined, { blockedByFriend: true }), friend: { ...friend, friVerify: 0 as const } };
    expect(() => decideRelation('apply', directly, NOW)).toThrow(InvalidInputError);
    expect(() => decideRelation('apply', state(S.Requested, S.Requesting, { blockedByFriend: true }), NOW)).toThrow(InvalidInputError);
    const held = edge('me', 'friend', S.Requesting, { rejectedUntil: NOW + DAY_MS });
    // Not "rejected your request" (TemporarilyBlocked): a blocked applicant learns nothing more than "not now".
    expect(() => decideRelation('apply', state(held, S.Ignored, { blockedByFriend: true }), NOW)).toThrow(InvalidInputError);
    expect(() => decideRelation('apply', state(held, S.Ignored, { blockedByFriend: true }), NOW)).not.toThrow(TemporarilyBlockedError);
  });

  it('accept: mine 11 → both 20 and the blacklist entries go; without a request 404', () => {
    const decision = decideRelation('accept', state(S.Requested, S.Requesting), NOW);
    expect([decision.write.mine?.status, decision.write.theirs?.status, decision.write.unblock]).toEqual([S.Agreed, S.Agreed, true]);
    expect(() => decideRelation('accept', state(S.Requesting, S.Requested), NOW)).toThrow(NotFoundError);
    expect(() => decideRelation('accept', state(), NOW)).toThrow(NotFoundError);
  });

  it('reject: mine 11 → 21 (0), the applicant keeps 10 with a one-month hold (500)', () => {
    const decision = decideRelation('reject', state(S.Requested, S.Requesting), NOW);
    expect(decision.write.mine?.status).toBe(S.Ignored);
    expect(decision.write.theirs).toMatchObject({ status: S.Requesting, rejectedUntil: NOW + REJECT_HOLD_MS });
    expect(featStatusOf(decision.write.mine, false, NOW)).toBe(FeatStatus.Stranger);
    expect(featStatusOf(decision.write.theirs, false, NOW)).toBe(FeatStatus.Rejected);
    expect(() => decideRelation('reject', state(S.Agreed, S.Agreed), NOW)).toThrow(NotFoundError);
  });

  it('the rejected applicant cannot apply again for a month, in either dialect; after it they can', () => {
    const rejected = edge('me', 'friend', S.Requesting, { rejectedUntil: NOW + REJECT_HOLD_MS, updatedAt: NOW - 2 * DAY_MS });
    expect(() => decideRelation('apply', state(rejected, S.Ignored), NOW + 29 * DAY_MS)).toThrow(TemporarilyBlockedError);
    expect(decideInvite(state(rejected, S.Ignored), 'again?', NOW + 29 * DAY_MS).action).toBe('None');
    const later = decideRelation('apply', state(rejected, S.Ignored), NOW + REJECT_HOLD_MS + 1);
    expect(later.write.mine?.status).toBe(S.Requesting);
    expect(later.write.mine?.rejectedUntil).toBeUndefined();
    expect(featStatusOf(later.write.mine, false, NOW + REJECT_HOLD_MS + 1)).toBe(FeatStatus.Creating);
  });

  it('recall: mine 10 → both 30 (0); a second recall within 24 h → 400 and a 24 h hold', () => {
    const first = decideRelation('recall', state(S.Requesting, S.Requested), NOW);
    expect([first.write.mine?.status, first.write.theirs?.status]).toEqual([S.Deleted, S.Deleted]);
    expect(first.write.mine).toMatchObject({ lastRecallAt: NOW });
    expect(first.write.mine?.recallBlockedUntil).toBeUndefined();
    expect(featStatusOf(first.write.mine, false, NOW)).toBe(FeatStatus.Stranger);

    const reapplied = decideRelation('apply', state(first.write.mine, first.write.theirs), NOW + 1000).write;
    const second = decideRelation('recall', state(reapplied.mine, reapplied.theirs), NOW + 2000);
    expect(second.write.mine).toMatchObject({ status: S.Deleted, recallBlockedUntil: NOW + 2000 + RECALL_WINDOW_MS });
    expect(featStatusOf(second.write.mine, false, NOW + 3000)).toBe(FeatStatus.Recalled);

    const held = state(second.write.mine, second.write.theirs);
    expect(() => decideRelation('apply', held, NOW + 3000)).toThrow(TemporarilyBlockedError);
    expect(decideInvite(held, '', NOW + 3000).action).toBe('None');
    expect(decideRelation('apply', held, NOW + 2000 + RECALL_WINDOW_MS + 1).write.mine?.status).toBe(S.Requesting);
  });

  it('recalls a day apart do not hold', () => {
    const mine = edge('me', 'friend', S.Requesting, { lastRecallAt: NOW - RECALL_WINDOW_MS });
    expect(decideRelation('recall', state(mine, S.Requested), NOW).write.mine?.recallBlockedUntil).toBeUndefined();
  });

  it('recall without my pending request is 404', () => {
    expect(() => decideRelation('recall', state(S.Requested, S.Requesting), NOW)).toThrow(NotFoundError);
    expect(() => decideRelation('recall', state(), NOW)).toThrow(NotFoundError);
  });

  it('black adds my blacklist entry and leaves both edges; unblack removes it (the edge status comes back)', () => {
    const black = decideRelation('black', state(S.Agreed, S.Agreed), NOW);
    expect(black).toEqual({ write: {}, block: 'add', activity: false });
    expect(decideRelation('black', state(S.Agreed, S.Agreed, { blockedByMe: true }), NOW).block).toBeUndefined();
    const unblack = decideRelation('unblack', state(S.Agreed, S.Agreed, { blockedByMe: true }), NOW);
    expect(unblack).toEqual({ write: {}, block: 'remove', activity: false });
    expect(featStatusOf(edge('me', 'friend', S.Agreed), false, NOW)).toBe(FeatStatus.Created);
    expect(() => decideRelation('unblack', state(), NOW)).toThrow(InvalidInputError);
  });
});

describe('FeatAPI contact view', () => {
  it('renders times with microseconds', () => {
    expect(featTime(Date.UTC(2020, 3, 3, 1, 25, 0, 856))).toBe('2020-04-03T01:25:00.856000Z');
  });

  it('renders empty profile fields as null', () => {
    const contact: ContactRecord = {
      ownerId: 'me',
      kind: 'user',
      peerId: 'friend',
      id: 1,
      unreadCount: 2,
      contactTime: NOW,
      area: 'inbox',
      peer: peerCard(friend),
      createdAt: NOW,
    };
    expect(featContactView(contact, 0)).toMatchObject({
      friend: 'friend',
      friend_first_name: null,
      friend_last_name: null,
      expertise: null,
      avatar: null,
      unread_count: 2,
    });
  });
});
