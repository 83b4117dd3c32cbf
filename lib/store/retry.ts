import { ConcurrentUpdateError } from '../errors.js';
import { isLostRace } from './transact.js';

/**
 * Waits a random time below `baseMs · 2^round`, at most `capMs` ("full jitter"): the one backoff of
 * the store, for retried transactions and for unprocessed batch items alike.
 */
export const backoff = (round: number, baseMs: number, capMs: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(capMs, baseMs * 2 ** round)));

const MAX_ATTEMPTS = 8;

/**
 * Optimistic concurrency: `attempt` reads, decides and writes conditioned on what it read. When the
 * write loses a race, the whole attempt runs again on fresh state; after MAX_ATTEMPTS the caller
 * gets a clean ConcurrentUpdateError, never a half-applied change.
 */
export async function withOptimisticRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let round = 0; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isLostRace(error)) throw error;
      if (round + 1 >= MAX_ATTEMPTS) throw new ConcurrentUpdateError();
      await backoff(round, 10, 200);
    }
  }
}
