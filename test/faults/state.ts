import { getEdge } from '../../lib/store/friendships.js';
import { userRoutes } from '../../lib/routes/user.js';
import { call } from '../support/call.js';

/** The internal-error text every dialect carries (lib/http/wire-errors.ts): no stack, no detail. */
export const INTERNAL = 'Internal server error, please retry.';

/** Makes users exist (their first authenticated call creates them). */
export async function users(...ids: string[]): Promise<void> {
  for (const id of ids) await call(userRoutes.getPrivacy, { as: id });
}

/** Statuses of a → b and b → a (undefined: no edge), read consistently. */
export async function edgeStatuses(a: string, b: string): Promise<[number | undefined, number | undefined]> {
  const [mine, theirs] = await Promise.all([getEdge(a, b, true), getEdge(b, a, true)]);
  return [mine?.status, theirs?.status];
}
