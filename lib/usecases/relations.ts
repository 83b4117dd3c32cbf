import type { FeatContactView } from '../domain/contact.js';
import { markPairWrite } from '../domain/change-marker.js';
import { decideRelation, type RelationAction } from '../domain/relation.js';
import { readRelation, relationWriteItems } from '../store/relations.js';
import { transactWrite, withOptimisticRetry } from '../store/transact.js';
import { currentFeatContact } from './contacts.js';

/**
 * FeatAPI `update_relation` over the ONE relation (`domain/relation.ts`): read everything in one
 * consistent BatchGetItem, decide, write edges, blacklist entries and contacts in one transaction
 * conditioned on what was read; a lost race re-reads and decides again.
 */
export async function applyRelation(meId: string, action: RelationAction, friendId: string, now: number): Promise<void> {
  await withOptimisticRetry(async () => {
    const state = await readRelation(meId, friendId);
    const decided = decideRelation(action, state, now);
    const decision = { ...decided, write: markPairWrite(state, decided.write, action === 'accept' ? 'accept' : 'add', now) };
    await transactWrite(await relationWriteItems(state, decision, now));
  });
}

/** POST update_relation: the action, then my contact of the friend as it now is. */
export async function updateRelation(meId: string, action: RelationAction, friendId: string, now: number): Promise<FeatContactView | null> {
  await applyRelation(meId, action, friendId, now);
  return currentFeatContact(meId, { kind: 'user', peerId: friendId }, now);
}

/** Blacklisting, shared by SealTalk's `add_to_blacklist` and FeatAPI's `black`: the entry and my contact of them. */
export const blackUser = (meId: string, otherId: string, now: number) => applyRelation(meId, 'black', otherId, now);
