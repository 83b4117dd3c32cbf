import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { domainEvent, type DomainEvent } from '../../lib/events/catalogue.js';
import { eventsFromRecord } from '../../lib/events/from-record.js';
import { db, tableName } from '../../lib/store/client.js';
import { keys } from '../../lib/store/keys.js';
import { publishEventsReaction } from '../../lib/stream/reactions/publish-events.js';
import { call } from '../support/call.js';
import { befriend, invite, S, U, users } from '../support/sealtalk.js';
import { streamRecordsOf } from '../support/stream-records.js';
import { relate } from '../featapi/helpers.js';

/** The events a change gives, through the real handlers and the records the stream would carry. */
async function eventsOf(act: () => Promise<unknown>): Promise<DomainEvent[]> {
  const records = await streamRecordsOf(act);
  return records.flatMap((record) => eventsFromRecord(record)).map((event) => domainEvent.parse(event));
}

const shape = (events: DomainEvent[]) => events.map(({ type, actor, data }) => ({ type, actor, data }));

describe('domain events from the change stream', () => {
  it('a SealTalk invite is one FriendRequestSent; agree is one FriendAdded answered by the one who was asked', async () => {
    await users('ev-a1', 'ev-b1');
    const before = Date.now();
    const sent = await eventsOf(() => invite('ev-a1', 'ev-b1'));
    expect(shape(sent)).toEqual([{ type: 'FriendRequestSent', actor: 'ev-a1', data: { from: 'ev-a1', to: 'ev-b1' } }]);
    expect(sent[0]!.time).toBeGreaterThanOrEqual(before);
    const added = await eventsOf(() => call(S.agree, { as: 'ev-b1', body: { friendId: 'ev-a1' } }));
    expect(shape(added)).toEqual([
      { type: 'FriendAdded', actor: 'ev-b1', data: { from: 'ev-b1', to: 'ev-a1', initiator: 'ev-a1', via: 'accept' } },
    ]);
    // Agreeing again changes nothing, and so says nothing.
    expect(await eventsOf(() => call(S.agree, { as: 'ev-b1', body: { friendId: 'ev-a1' } }))).toEqual([]);
  });

  it('AddDirectly is one FriendAdded via add, initiated by the inviter; it lifts blacklist entries, each an Unblocked', async () => {
    await users('ev-a2', 'ev-b2');
    expect((await call(U.setPrivacy, { as: 'ev-b2', body: { friVerify: 0 } })).status).toBe(200);
    await call(U.addToBlacklist, { as: 'ev-a2', body: { friendId: 'ev-b2' } });
    const events = await eventsOf(() => invite('ev-a2', 'ev-b2'));
    expect(shape(events).sort((x, y) => x.type.localeCompare(y.type))).toEqual([
      { type: 'FriendAdded', actor: 'ev-a2', data: { from: 'ev-a2', to: 'ev-b2', initiator: 'ev-a2', via: 'add' } },
      { type: 'Unblocked', actor: 'ev-a2', data: { from: 'ev-a2', to: 'ev-b2' } },
    ]);
  });

  it('FeatAPI apply and accept are FriendRequestSent and FriendAdded (accept)', async () => {
    await users('ev-a3', 'ev-b3');
    expect(shape(await eventsOf(() => relate('ev-a3', 'apply', 'ev-b3')))).toEqual([
      { type: 'FriendRequestSent', actor: 'ev-a3', data: { from: 'ev-a3', to: 'ev-b3' } },
    ]);
    expect(shape(await eventsOf(() => relate('ev-b3', 'accept', 'ev-a3')))).toEqual([
      { type: 'FriendAdded', actor: 'ev-b3', data: { from: 'ev-b3', to: 'ev-a3', initiator: 'ev-a3', via: 'accept' } },
    ]);
  });

  it('delete is one FriendDeleted; batch_delete is one FriendDeleted naming every friend it deleted; deleting a non-friend says nothing', async () => {
    await users('ev-a4', 'ev-b4', 'ev-c4', 'ev-d4', 'ev-e4');
    for (const friend of ['ev-b4', 'ev-c4', 'ev-d4']) await befriend('ev-a4', friend);
    expect(shape(await eventsOf(() => call(S.delete, { as: 'ev-a4', body: { friendId: 'ev-b4' } })))).toEqual([
      { type: 'FriendDeleted', actor: 'ev-a4', data: { from: 'ev-a4', friends: ['ev-b4'], cause: 'delete' } },
    ]);
    const batch = await eventsOf(() => call(S.batchDelete, { as: 'ev-a4', body: { friendIds: ['ev-b4', 'ev-c4', 'ev-d4', 'ev-e4'] } }));
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ type: 'FriendDeleted', actor: 'ev-a4', data: { from: 'ev-a4', cause: 'delete' } });
    expect((batch[0]!.data as { friends: string[] }).friends.sort()).toEqual(['ev-c4', 'ev-d4']);
    expect(await eventsOf(() => call(S.delete, { as: 'ev-a4', body: { friendId: 'ev-b4' } }))).toEqual([]);
    // The friend who was deleted still has the deleter, and asking them again is a new request.
    expect(await eventsOf(() => invite('ev-c4', 'ev-a4'))).toHaveLength(1);
  });

  it('block and unblock are Blocked and Unblocked, once each; repeating them says nothing', async () => {
    await users('ev-a5', 'ev-b5');
    expect(shape(await eventsOf(() => call(U.addToBlacklist, { as: 'ev-a5', body: { friendId: 'ev-b5' } })))).toEqual([
      { type: 'Blocked', actor: 'ev-a5', data: { from: 'ev-a5', to: 'ev-b5' } },
    ]);
    expect(await eventsOf(() => relate('ev-a5', 'black', 'ev-b5'))).toEqual([]);
    expect(shape(await eventsOf(() => relate('ev-a5', 'unblack', 'ev-b5')))).toEqual([
      { type: 'Unblocked', actor: 'ev-a5', data: { from: 'ev-a5', to: 'ev-b5' } },
    ]);
    expect(await eventsOf(() => call(U.removeFromBlacklist, { as: 'ev-a5', body: { friendId: 'ev-b5' } }))).toEqual([]);
  });

  it('a profile edit is one ProfileChanged naming the fields; its card copies on friends say nothing', async () => {
    await users('ev-a6', 'ev-b6');
    await befriend('ev-a6', 'ev-b6');
    expect(shape(await eventsOf(() => call(U.setNickname, { as: 'ev-a6', body: { nickname: 'Ada' } })))).toEqual([
      { type: 'ProfileChanged', actor: 'ev-a6', data: { userId: 'ev-a6', changed: ['nickname'] } },
    ]);
  });

  it('an account deletion (the profile removed, its agreed edges removed) is AccountDeleted and a FriendDeleted per agreed edge', async () => {
    await users('ev-a7', 'ev-b7');
    await befriend('ev-a7', 'ev-b7');
    const events = await eventsOf(async () => {
      for (const key of [keys.user('ev-a7'), keys.friendEdge('ev-a7', 'ev-b7'), keys.friendEdge('ev-b7', 'ev-a7')]) {
        await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
      }
    });
    expect(shape(events).sort((x, y) => `${x.type}${x.actor}`.localeCompare(`${y.type}${y.actor}`))).toEqual([
      { type: 'AccountDeleted', actor: 'ev-a7', data: { userId: 'ev-a7' } },
      { type: 'FriendDeleted', actor: 'ev-a7', data: { from: 'ev-a7', friends: ['ev-b7'], cause: 'account_deleted' } },
      { type: 'FriendDeleted', actor: 'ev-b7', data: { from: 'ev-b7', friends: ['ev-a7'], cause: 'account_deleted' } },
    ]);
  });

  it('a redelivered record gives the same event id; different records give different ids', async () => {
    await users('ev-a8', 'ev-b8', 'ev-c8');
    const records = [
      ...(await streamRecordsOf(() => invite('ev-a8', 'ev-b8'))),
      ...(await streamRecordsOf(() => invite('ev-a8', 'ev-c8'))),
    ];
    const first = records.flatMap((record) => eventsFromRecord(record));
    const again = records.flatMap((record) => eventsFromRecord(structuredClone(record)));
    expect(first).toHaveLength(2);
    expect(again).toEqual(first);
    expect(new Set(first.map((event) => event.id)).size).toBe(2);
  });

  it('the publish reaction wants exactly the records its filter pattern selects', async () => {
    await users('ev-a9', 'ev-b9');
    const records = await streamRecordsOf(() => befriend('ev-a9', 'ev-b9'));
    const published: DomainEvent[] = [];
    const reaction = publishEventsReaction(() => ({ publish: async (events) => void published.push(...events) }));
    const prefixes = (reaction.filterPattern as { dynamodb: { Keys: { sk: { S: Array<string | { prefix: string }> } } } }).dynamodb.Keys.sk
      .S;
    for (const record of records) {
      const sk = record.dynamodb!.Keys!.sk!.S!;
      const matches = prefixes.some((rule) => (typeof rule === 'string' ? sk === rule : sk.startsWith(rule.prefix)));
      expect(reaction.wants(record), sk).toBe(matches);
      if (reaction.wants(record)) await reaction.apply(record);
    }
    expect(records.some((record) => !reaction.wants(record))).toBe(true);
    expect(published.map((event) => event.type).sort()).toEqual(['FriendAdded', 'FriendRequestSent']);
  });
});
