import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { edgeWith, FriendStatus } from '../../lib/domain/friendship.js';
import { peerCard } from '../../lib/domain/user.js';
import { chunks } from '../../lib/store/batch.js';
import { db, tableName } from '../../lib/store/client.js';
import { contactsCreated, contactTouchItems, type ContactTouch } from '../../lib/store/contacts.js';
import { allocateContactIds } from '../../lib/store/counters.js';
import { putEdge } from '../../lib/store/friendships.js';
import { agree, invite } from '../../lib/usecases/friendship.js';
import { blackUser } from '../../lib/usecases/relations.js';
import { userFromClaims } from '../../lib/domain/user.js';
import { getUsers, newUserItems } from '../../lib/store/users.js';
import { registerCaller } from '../../lib/usecases/register-caller.js';
import { inParallel } from './bare.js';

/**
 * Realistic data written through the use cases (so every record has the shape the handlers write:
 * edges with the friend's card, FeatAPI contacts, phone claims), in parallel.
 */
const PARALLEL = 16;

/** A phone number for the n-th seeded user (unique, region 86). */
export const phoneOf = (n: number) => `139${String(n).padStart(8, '0')}`;
let phoneCounter = 0;

/** Makes users exist (and known to this process, so no request pays for their first call). */
export async function makeUsers(ids: readonly string[], options: { phones?: boolean } = {}): Promise<string[]> {
  const phones: string[] = [];
  await inParallel(ids, PARALLEL, async (id) => {
    const phone = options.phones ? phoneOf(++phoneCounter) : undefined;
    if (phone) phones.push(phone);
    await registerCaller(id, { sub: id, nickname: `Nick ${id}`, ...(phone ? { phone, region: '86' } : {}) }, Date.now());
  });
  return phones;
}

/** Items written with BatchWriteItem, 25 a call, 8 calls in flight. */
async function batchPut(items: readonly object[]): Promise<void> {
  await inParallel(chunks(items, 25), 8, async (chunk) => {
    const out = await db().send(
      new BatchWriteCommand({ RequestItems: { [tableName()]: chunk.map((Item) => ({ PutRequest: { Item } })) } }),
    );
    if (Object.keys(out.UnprocessedItems ?? {}).length) throw new Error('seeding: BatchWriteItem left items unprocessed');
  });
}

/**
 * Users (with phones) as `makeUsers` makes them, but written in batches: the items `registerCaller`
 * writes, without its one transaction per user, so 10,000 friends are seeded in seconds. Only for
 * users that never call (this process does not know them: their first call would register them again, harmlessly).
 */
async function makeUsersInBatches(ids: readonly string[]): Promise<string[]> {
  const phones = ids.map(() => phoneOf(++phoneCounter));
  const now = Date.now();
  await batchPut(
    ids.flatMap((id, i) => newUserItems(userFromClaims(id, { sub: id, nickname: `Nick ${id}`, phone: phones[i], region: '86' }, now))),
  );
  return phones;
}

export async function befriend(a: string, b: string): Promise<void> {
  await invite(a, b, `hi from ${a}`, Date.now());
  await agree(b, a, Date.now());
}

/**
 * `hub` (with a phone) with `count` agreed friends `<hub>-f<i>` (each with a phone). The edges and contacts are
 * built by the store's own item builders (`putEdge`, `contactTouchItems`: exactly what invite +
 * agree leave behind) and written with BatchWriteItem, which is far quicker than 2 × count use-case
 * calls. Returns the friends and their phones.
 */
export async function hubWithFriends(hub: string, count: number): Promise<{ friends: string[]; phones: string[] }> {
  const friends = Array.from({ length: count }, (_, i) => `${hub}-f${i}`);
  await makeUsers([hub], { phones: true });
  const phones = await makeUsersInBatches(friends);
  const users = await getUsers([hub, ...friends]);
  const me = users.get(hub)!;
  const now = Date.now();
  const items: Record<string, unknown>[] = [];
  const touches: ContactTouch[] = [];
  for (const [i, id] of friends.entries()) {
    const friend = users.get(id)!;
    const at = now - (count - i) * 1000;
    const mine = edgeWith(undefined, { userId: hub, friendId: id, peer: peerCard(friend) }, { status: FriendStatus.Agreed }, at);
    const theirs = edgeWith(undefined, { userId: id, friendId: hub, peer: peerCard(me) }, { status: FriendStatus.Agreed }, at);
    // With the friend-by-phone rows the edges' writes carry (`store/friend-phones.ts`): Puts, as both edges become agreed.
    items.push(...[...putEdge(mine, undefined), ...putEdge(theirs, undefined)].map((write) => write.Put!.Item!));
    // Each contact copies its owner's new edge and "not blocked" (`store/contact-relation.ts`), as agree leaves them.
    touches.push(
      {
        ownerId: hub,
        ref: { kind: 'user', peerId: id },
        peer: peerCard(friend),
        current: undefined,
        activityAt: at,
        relation: { ownerId: hub, peerId: id, edge: undefined, newEdge: mine, blocked: false, newBlocked: false },
      },
      {
        ownerId: id,
        ref: { kind: 'user', peerId: hub },
        peer: peerCard(me),
        current: undefined,
        activityAt: at,
        relation: { ownerId: id, peerId: hub, edge: undefined, newEdge: theirs, blocked: false, newBlocked: false },
      },
    );
  }
  const contactIds = await allocateContactIds(contactsCreated(touches));
  for (const item of contactTouchItems(touches, now, contactIds)) items.push(item.Put!.Item!);
  await batchPut(items);
  return { friends, phones };
}

/** `hub` blacklists `count` users `<hub>-b<i>`. */
export async function hubWithBlocked(hub: string, count: number): Promise<string[]> {
  const blocked = Array.from({ length: count }, (_, i) => `${hub}-b${i}`);
  await makeUsers([hub, ...blocked]);
  await inParallel(blocked, PARALLEL, (other) => blackUser(hub, other, Date.now()));
  return blocked;
}

/** Pairs `<prefix>-a<i>` / `<prefix>-b<i>`, for write scenarios that need fresh state per request. */
export async function pairs(prefix: string, count: number, state: 'none' | 'pending' | 'friends'): Promise<Array<[string, string]>> {
  const list = Array.from({ length: count }, (_, i): [string, string] => [`${prefix}-a${i}`, `${prefix}-b${i}`]);
  // with phones, so that agree and delete write the friend-by-phone rows as they would for most users
  await makeUsers(list.flat(), { phones: true });
  if (state !== 'none') {
    await inParallel(list, PARALLEL, async ([a, b]) => {
      await invite(a, b, 'hi', Date.now());
      if (state === 'friends') await agree(b, a, Date.now());
    });
  }
  return list;
}
