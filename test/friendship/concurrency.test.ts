import { describe, expect, it } from 'vitest';
import { FriendStatus as St } from '../../lib/domain/friendship.js';
import { call } from '../support/call.js';
import { befriend, edgeOf, S, U, users } from '../support/sealtalk.js';
import { streamDrained } from '../support/stream.js';

/**
 * Both edges change in one transaction conditioned on what was read (docs/behaviour.md#friendship-sealtalk): 20 simultaneous
 * invite/agree calls in both directions between one pair end in a consistent pair, never a 5xx.
 */

/** Pairs of statuses a pair may end in: friends, or one pending request either way. */
const CONSISTENT = [
  [St.Agreed, St.Agreed],
  [St.Requesting, St.Requested],
  [St.Requested, St.Requesting],
];

/** The answers a racing call may give: done, already friends (400), no request yet (404), retries exhausted (409). */
const CLEAN_STATUSES = new Set([200, 400, 404, 409]);

async function race(a: string, b: string) {
  const calls = Array.from({ length: 20 }, (_, i) => {
    const [me, other] = i % 2 === 0 ? [a, b] : [b, a];
    return i % 4 < 2
      ? call(S.invite, { as: me, body: { friendId: other, message: `m${i}` } })
      : call(S.agree, { as: me, body: { friendId: other } });
  });
  return Promise.all(calls);
}

describe('20 simultaneous invite/agree calls between one pair', () => {
  it('end in a consistent pair of edges with no 5xx, and the outcome matches the answers', async () => {
    for (const round of [1, 2, 3]) {
      const [a, b] = [`cc${round}-a`, `cc${round}-b`];
      await users(a, b);
      const results = await race(a, b);
      for (const out of results) {
        expect(CLEAN_STATUSES.has(out.status), JSON.stringify(out.body)).toBe(true);
        if (out.status !== 200) expect(Object.keys(out.body)).toEqual(['code', 'message']);
      }
      const mine = await edgeOf(a, b);
      const theirs = await edgeOf(b, a);
      expect(CONSISTENT).toContainEqual([mine?.status, theirs?.status]);
      // Each edge's card is of the other user, and the friendship is seen the same from both sides.
      expect([mine?.peer.id, theirs?.peer.id]).toEqual([b, a]);
      const added = results.some((out) => out.status === 200 && out.body.result?.action === 'Added');
      expect(added).toBe(mine?.status === St.Agreed);
      if (added) {
        const listA = (await call(S.all, { as: a })).body.result;
        const listB = (await call(S.all, { as: b })).body.result;
        expect(listA.map((e: { status: number }) => e.status)).toEqual([St.Agreed]);
        expect(listB.map((e: { status: number }) => e.status)).toEqual([St.Agreed]);
      }
    }
  });
});

describe('profile changes racing with friendship writes and with each other', () => {
  it('an invite racing a nickname change never leaves the old card on the new edge', async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b] = [`cn${round}-a`, `cn${round}-b`];
      await users(a, b);
      const results = await Promise.all([
        call(S.invite, { as: a, body: { friendId: b } }),
        call(U.setNickname, { as: a, body: { nickname: `Renamed${round}` } }),
      ]);
      expect(results.map((out) => out.status)).toEqual([200, 200]);
      await streamDrained();
      expect((await edgeOf(b, a))?.peer.nickname).toBe(`Renamed${round}`);
      const theirList = (await call(S.all, { as: b })).body.result;
      expect(theirList[0].user.nickname).toBe(`Renamed${round}`);
    }
  });

  it('four simultaneous nickname changes leave every friend with the final one', async () => {
    for (let round = 0; round < 5; round++) {
      const me = `cm${round}-me`;
      const friends = [0, 1, 2].map((i) => `cm${round}-f${i}`);
      await users(me, ...friends);
      for (const friend of friends) await befriend(me, friend);
      const results = await Promise.all(
        ['A', 'B', 'C', 'D'].map((name) => call(U.setNickname, { as: me, body: { nickname: `${name}${round}` } })),
      );
      expect(results.map((out) => out.status)).toEqual([200, 200, 200, 200]);
      await streamDrained();
      const final = (await call(U.get, { as: me, params: { id: me } })).body.result.nickname;
      for (const friend of friends) expect((await edgeOf(friend, me))?.peer.nickname, friend).toBe(final);
    }
  });
});
