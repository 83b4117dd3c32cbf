import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { db, tableName } from '../../lib/store/client.js';
import { keys } from '../../lib/store/keys.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { userRoutes } from '../../lib/routes/user.js';
import { call, claimsFor, type CallResult } from './call.js';
import { expectUnchanged } from './table-state.js';

/** SealTalk test helpers: route tables, users, agreed friendships, raw reads of the stored edges. */
export const S = friendshipRoutes;
export const U = userRoutes;

/** The `user {…}` keys of SealTalk's documented answers, in their order. */
export const SEALTALK_USER_KEYS = ['id', 'nickname', 'region', 'phone', 'portraitUri', 'gender', 'stAccount'];

/** Makes users exist (their first authenticated call creates them). */
export async function users(...ids: string[]): Promise<void> {
  for (const id of ids) expect((await call(U.getPrivacy, { as: id })).status).toBe(200);
}

/** A user whose token carries a phone (and region): the phone is claimed on the first call. */
export async function userWithPhone(id: string, phone: string, region = '86', extra: Record<string, unknown> = {}): Promise<void> {
  expect((await call(U.getPrivacy, { as: claimsFor(id, { phone, region, ...extra }) })).status).toBe(200);
}

export async function invite(as: string, friendId: string, message = 'hi') {
  return call(S.invite, { as, body: { friendId, message } });
}

/** invite + agree: an agreed friendship (both edges 20). */
export async function befriend(a: string, b: string): Promise<void> {
  expect((await invite(a, b)).body).toEqual({ code: 200, result: { action: 'Sent' } });
  expect((await call(S.agree, { as: b, body: { friendId: a } })).body).toEqual({ code: 200, result: { action: 'Added' } });
}

/** The stored edge `me → friend`, read straight from the table (consistent). */
export async function edgeOf(me: string, friend: string): Promise<Record<string, any> | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.friendEdge(me, friend), ConsistentRead: true }));
  return out.Item;
}

/** The two statuses of a pair: [a → b, b → a] (undefined where no edge exists). */
export async function statuses(a: string, b: string): Promise<[number | undefined, number | undefined]> {
  return [(await edgeOf(a, b))?.status, (await edgeOf(b, a))?.status];
}

/** Moves the stored edge's last change `ms` into the past, as if time had passed (no fake timers). */
export async function backdateEdge(me: string, friend: string, ms: number): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.friendEdge(me, friend),
      UpdateExpression: 'SET updatedAt = updatedAt - :ms',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':ms': ms },
    }),
  );
}

export async function blockExists(me: string, other: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.block(me, other), ConsistentRead: true }));
  return out.Item !== undefined;
}

/** A SealTalk error: HTTP status = code, body exactly `{code, message}`. */
export function expectSealTalkError(out: CallResult, status: number, message?: string | RegExp): void {
  expect(out.status, JSON.stringify(out.body)).toBe(status);
  expect(Object.keys(out.body)).toEqual(['code', 'message']);
  expect(out.body.code).toBe(status);
  expect(typeof out.body.message).toBe('string');
  expect(out.body.message.length).toBeGreaterThan(0);
  if (typeof message === 'string') expect(out.body.message).toBe(message);
  else if (message) expect(out.body.message).toMatch(message);
}

/** `action` leaves the table exactly as it was. */
export async function expectNoWrite(action: () => Promise<unknown>): Promise<void> {
  await expectUnchanged(action, (after, before) => expect(after).toBe(before));
}

/** The call is refused with `status` in SealTalk's shape, and the table is left exactly as it was. */
export async function expectRefused(send: () => Promise<CallResult>, status: number, message?: string | RegExp): Promise<void> {
  await expectNoWrite(async () => expectSealTalkError(await send(), status, message));
}
