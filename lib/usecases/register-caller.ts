import { userFromClaims, userWithoutPhone } from '../domain/user.js';
import { clipForLog, logger } from '../observability.js';
import { createUser } from '../store/users.js';

/** Users known to exist, per warm container: the first call of a user costs one conditional write, later ones none. */
const knownUsers = new Set<string>();

/**
 * Registers the caller: their user record is made on their first authenticated call, from the
 * token's claims (a write, on read routes too). When another user holds the phone, the record is
 * made without a phone rather than refusing the caller.
 */
export async function registerCaller(userId: string, claims: Record<string, unknown>, now: number): Promise<void> {
  if (knownUsers.has(userId)) return;
  if ((await createUser(userFromClaims(userId, claims, now))) === 'phone-taken') {
    logger.warn('phone claim held by another user; user created without phone', { userId: clipForLog(userId) });
    await createUser(userWithoutPhone(userId, claims, now));
  }
  knownUsers.add(userId);
}

/**
 * Forgets that a user exists, in this container (true if it was known): after their account is
 * deleted, their next call here makes a new record (docs/account-deletion.md).
 */
export function forgetCaller(userId: string): boolean {
  return knownUsers.delete(userId);
}
