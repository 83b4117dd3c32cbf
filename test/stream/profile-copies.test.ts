import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { getContact } from '../../lib/store/contacts.js';
import { getItem } from '../../lib/store/items.js';
import { keys } from '../../lib/store/keys.js';
import { metered } from '../../lib/meter.js';
import { profileCopies } from '../../lib/stream/reactions/profile-copies.js';
import type { StreamReaction } from '../../lib/stream/reaction.js';
import { keysOf } from '../../lib/stream/record.js';
import { streamReactions } from '../../lib/stream/reactions/index.js';
import { prepareCall, call } from '../support/call.js';
import { befriend, U, userWithPhone, users } from '../support/sealtalk.js';
import { restartStream, streamDrained } from '../support/stream.js';

/** The profile-copies reaction (docs/change-stream.md): every copy of a user's card follows their profile, off the request path. */

const rename = (as: string, nickname: string) => call(U.setNickname, { as, body: { nickname } });

/** Every copy of `userId`'s card: on the friend's edge and contact, the blocker's entry, the phone claim. */
async function copiesOf(userId: string, friend: string, blocker: string, phone: string) {
  const [edge, contact, block, claim] = await Promise.all([
    getItem<Record<string, any>>(keys.friendEdge(friend, userId), true),
    getContact(friend, { kind: 'user', peerId: userId }, true),
    getItem<Record<string, any>>(keys.block(blocker, userId), true),
    getItem<Record<string, any>>(keys.phone(phone), true),
  ]);
  return { edge: edge?.peer, contact: contact?.peer, block: block?.peer, claim: claim?.card };
}

describe('profile copies', () => {
  it('a profile change writes only the user record; the stream brings every copy to its card and revision', async () => {
    await userWithPhone('pcx-me', '18690000001');
    await users('pcx-friend', 'pcx-blocker');
    await befriend('pcx-me', 'pcx-friend');
    expect((await call(U.addToBlacklist, { as: 'pcx-blocker', body: { friendId: 'pcx-me' } })).status).toBe(200);
    await streamDrained();

    const run = await prepareCall(U.setNickname, { as: 'pcx-me', body: { nickname: 'Renamed' } });
    const { result, usage } = await metered(run);
    expect(result.statusCode).toBe(200);
    // one write of the user record: the copies are not on the request path
    expect(usage).toMatchObject({ calls: 1, byCommand: { UpdateItemCommand: 1 } });
    await streamDrained();
    const user = await getItem<Record<string, any>>(keys.user('pcx-me'), true);
    const copies = await copiesOf('pcx-me', 'pcx-friend', 'pcx-blocker', '18690000001');
    for (const [where, card] of Object.entries(copies)) expect(card, where).toMatchObject({ nickname: 'Renamed', rev: user!.rev });
  });

  it('is idempotent: a record delivered again, or an older one after a newer, leaves the newest card', async () => {
    await users('pci-me', 'pci-friend');
    await befriend('pci-me', 'pci-friend');
    await streamDrained();
    const seen: DynamoDBRecord[] = [];
    const recorder: StreamReaction = {
      name: 'recorder',
      filterPattern: {},
      wants: (record) => profileCopies.wants(record) && keysOf(record).pk === 'USER#pci-me',
      async apply(record) {
        seen.push(record);
      },
    };
    await restartStream({ reactions: [...streamReactions, recorder] });
    await rename('pci-me', 'First');
    await rename('pci-me', 'Second');
    await streamDrained();
    await restartStream();
    expect(seen.map((record) => record.dynamodb!.NewImage!.nickname)).toEqual([{ S: 'First' }, { S: 'Second' }]);
    const card = async () => (await getItem<Record<string, any>>(keys.friendEdge('pci-friend', 'pci-me'), true))!.peer;
    const newest = await card();
    expect(newest.nickname).toBe('Second');

    await profileCopies.apply(seen[0]!);
    await profileCopies.apply(seen[1]!);
    await profileCopies.apply(seen[0]!);
    expect(await card()).toEqual(newest);
  });

  it('acts only on a change of the card: friVerify, which no card carries, wakes no fan-out', async () => {
    const modify = (oldImage: Record<string, unknown>, newImage: Record<string, unknown>): DynamoDBRecord => {
      const image = (fields: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries({ pk: 'USER#x', sk: 'PROFILE', id: 'x', ...fields }).map(([name, value]) => [
            name,
            typeof value === 'number' ? { N: String(value) } : { S: String(value) },
          ]),
        );
      return {
        eventName: 'MODIFY',
        dynamodb: { Keys: { pk: { S: 'USER#x' }, sk: { S: 'PROFILE' } }, OldImage: image(oldImage), NewImage: image(newImage) },
      };
    };
    expect(profileCopies.wants(modify({ nickname: 'a', friVerify: 1, rev: 1 }, { nickname: 'a', friVerify: 0, rev: 2 }))).toBe(false);
    expect(profileCopies.wants(modify({ nickname: 'a', rev: 1 }, { nickname: 'b', rev: 2 }))).toBe(true);
    const insert = { ...modify({}, { nickname: 'a' }), eventName: 'INSERT' as const };
    expect(profileCopies.wants(insert)).toBe(false);
  });
});
