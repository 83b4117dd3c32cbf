import { getEdge } from '../../lib/store/friendships.js';
import { befriend, users } from '../support/sealtalk.js';

/** The internal-error text every dialect carries (lib/http/wire-errors.ts): no stack, no detail. */
export const INTERNAL = 'Internal server error, please retry.';

export { users };

/** An agreed friendship between two new users, made through the handlers. */
export async function friends(a: string, b: string): Promise<void> {
  await users(a, b);
  await befriend(a, b);
}

/** Statuses of a → b and b → a (undefined: no edge), read consistently. */
export async function edgeStatuses(a: string, b: string): Promise<[number | undefined, number | undefined]> {
  const [mine, theirs] = await Promise.all([getEdge(a, b, true), getEdge(b, a, true)]);
  return [mine?.status, theirs?.status];
}
