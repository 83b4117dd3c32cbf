import { describe, expect, it } from 'vitest';
import { edgeWith, FriendStatus, type FriendEdge } from '../../lib/domain/friendship.js';
import type { PeerCard } from '../../lib/domain/user.js';
import {
  relationAfter,
  relationChange,
  relationCopyItems,
  relationGuards,
  withoutRedundantChecks,
  type RelationSide,
} from '../../lib/store/contact-relation.js';
import { blockedContactsIndex, keys } from '../../lib/store/keys.js';

/** The builders of the relation copy on a user contact (`lib/store/contact-relation.ts`), without a table. */

const card = { id: 'b', nickname: 'b' } as unknown as PeerCard;
const edge = (status: FriendEdge['status'], rev: number, extra: Partial<FriendEdge> = {}): FriendEdge => ({
  ...edgeWith(undefined, { userId: 'a', friendId: 'b', peer: card }, { status, ...extra }, 1000),
  rev,
});
const side = (over: Partial<RelationSide>): RelationSide => ({ ownerId: 'a', peerId: 'b', edge: undefined, blocked: false, ...over });

describe('relation copy builders', () => {
  it('copy the written edge at the revision putEdge stores, and only what the write changes', () => {
    const read = edge(FriendStatus.Requested, 4);
    const written = edge(FriendStatus.Ignored, 4, { rejectedUntil: 99 });
    expect(relationChange(side({ edge: read, newEdge: written }))).toEqual({
      edge: { status: FriendStatus.Ignored, rev: 5, rejectedUntil: 99 },
    });
    expect(relationChange(side({ edge: read, blocked: true, newBlocked: false }))).toEqual({ blocked: false });
    expect(relationChange(side({ edge: read }))).toEqual({});
    expect(relationAfter(side({ edge: read, blocked: true }))).toEqual({ edge: { status: FriendStatus.Requested, rev: 4 }, blocked: true });
    expect(relationAfter(side({}))).toEqual({ edge: null, blocked: false });
  });

  it('an existing contact gets an Update conditioned on existing; a missing one a check that it stays missing; no change, no item', () => {
    const blocking = side({ newBlocked: true });
    expect(relationCopyItems(blocking, true)).toEqual([
      {
        Update: expect.objectContaining({
          Key: keys.contact('a', 'user', 'b'),
          UpdateExpression: 'SET blockedByMe = :blocked, gsi2pk = :gsi2pk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':blocked': true, ':gsi2pk': blockedContactsIndex.pk('a') },
        }),
      },
    ]);
    expect(relationCopyItems(side({ blocked: true, newBlocked: false }), true)[0]?.Update?.UpdateExpression).toBe(
      'REMOVE blockedByMe, gsi2pk',
    );
    expect(relationCopyItems(blocking, false)).toEqual([
      { ConditionCheck: expect.objectContaining({ Key: keys.contact('a', 'user', 'b'), ConditionExpression: 'attribute_not_exists(pk)' }) },
    ]);
    expect(relationCopyItems(side({ edge: edge(FriendStatus.Agreed, 2) }), true)).toEqual([]);
  });

  it('a created contact holds the sources it copies but does not write, as they were read', () => {
    expect(relationGuards(side({ edge: edge(FriendStatus.Agreed, 3), blocked: true }))).toEqual([
      {
        ConditionCheck: expect.objectContaining({
          Key: keys.friendEdge('a', 'b'),
          ConditionExpression: 'rev = :rev',
          ExpressionAttributeValues: { ':rev': 3 },
        }),
      },
      { ConditionCheck: expect.objectContaining({ Key: keys.block('a', 'b'), ConditionExpression: 'attribute_exists(pk)' }) },
    ]);
    expect(relationGuards(side({ newEdge: edge(FriendStatus.Requesting, 0), newBlocked: false }))).toEqual([]);
    expect(relationGuards(side({}))[0]).toEqual({
      ConditionCheck: expect.objectContaining({ Key: keys.friendEdge('a', 'b'), ConditionExpression: 'attribute_not_exists(pk)' }),
    });
  });

  it('withoutRedundantChecks drops a check of an item another operation holds, and repeated checks', () => {
    const check = (key: { pk: string; sk: string }, expression: string) => ({
      ConditionCheck: { TableName: 't', Key: key, ConditionExpression: expression },
    });
    const put = { Put: { TableName: 't', Item: { ...keys.friendEdge('a', 'b'), rev: 1 } } };
    const items = [
      check(keys.friendEdge('a', 'b'), 'rev = :rev'),
      put,
      check(keys.block('a', 'b'), 'attribute_not_exists(pk)'),
      check(keys.block('a', 'b'), 'attribute_not_exists(pk)'),
      check(keys.block('b', 'a'), 'attribute_not_exists(pk)'),
    ];
    expect(withoutRedundantChecks(items)).toEqual([put, items[2], items[4]]);
  });
});
