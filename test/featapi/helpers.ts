import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { userFromClaims } from '../../lib/domain/user.js';
import { db, tableName } from '../../lib/store/client.js';
import { keys } from '../../lib/store/keys.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { userRoutes } from '../../lib/routes/user.js';
import { call, claimsFor } from '../support/call.js';

/** Users and friendships are made as the SealTalk tests make them. */
export { befriend, users } from '../support/sealtalk.js';

export const F = featapiRoutes;
export const S = friendshipRoutes;
export const U = userRoutes;

/** FeatAPI's time format: ISO-8601 with microseconds. */
export const FEAT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The app server's token: scope party_admin only. */
export const ADMIN = claimsFor('appserver', { scope: 'party_admin' });

/** A user with FeatAPI profile claims. */
export async function userWith(id: string, claims: Record<string, unknown>): Promise<void> {
  await call(U.getPrivacy, { as: claimsFor(id, claims) });
}

export async function relate(as: string, action: string, friend: string | number) {
  return call(F.updateRelation, { as, body: { action, friend } });
}

export async function contactOf(as: string, query: Record<string, string>) {
  return call(F.getContact, { as, query });
}

export async function message(messageId: string, from: string, to: { to_user?: string; to_group?: number }) {
  return call(F.ingestActivity, { as: ADMIN, body: { message_id: messageId, from, ...to } });
}

export async function createGroup(name: string, creator: string, members: string[] = []) {
  const out = await call(F.createGroup, { as: ADMIN, body: { name, creator, members } });
  if (out.status !== 200) throw new Error(`create group failed: ${JSON.stringify(out.body)}`);
  return out.body.data as { id: number };
}

/** Sets an id counter, so that the next id is `next` (to reproduce the ids of FeatAPI's examples). */
export async function setCounter(name: string, next: number): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.counter(name), type: 'COUNTER', value: next - 1 } }));
}

/** Many users at once (setup for large groups): their records written straight in batches of 25. */
export async function manyUsers(ids: readonly string[]): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < ids.length; i += 25) {
    const puts = ids
      .slice(i, i + 25)
      .map((id) => ({ PutRequest: { Item: { ...keys.user(id), type: 'USER', ...userFromClaims(id, { nickname: id }, now) } } }));
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: puts } }));
  }
}
