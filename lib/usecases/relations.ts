import type { FeatContactView } from '../domain/contact.js';
import { markPairWrite } from '../domain/change-marker.js';
import { contactsCreatedBy, decideRelation, type RelationAction, type RelationDecision } from '../domain/relation.js';
import { allocateContactIds } from '../store/counters.js';
import { readRelations, saveRelation, type PairRead } from '../store/relations.js';
import { withOptimisticRetry } from '../store/retry.js';
import { currentFeatContact } from './contacts.js';

/**
 * FeatAPI `update_relation` over the ONE relation (`domain/relation.ts`): read everything in one
 * consistent BatchGetItem, decide, write edges, blacklist entries and contacts in one transaction
 * conditioned on what was read; a lost race re-reads and decides again.
 */
export async function applyRelation(meId: string, action: RelationAction, friendId: string, now: number): Promise<void> {
  await withOptimisticRetry(async () => {
    const [read] = await readRelations(meId, [friendId], 'pair');
    const decided = decideRelation(action, read!, now);
    const write = markPairWrite(read!, decided.write, action === 'accept' ? 'accept' : 'add', now);
    await savePairDecision(read!, { ...decided, write }, now);
  });
}

/** Saves a decision over the whole pair, with fresh contact ids (a counter write) for the contacts it creates. */
export async function savePairDecision(read: PairRead, decision: RelationDecision, now: number): Promise<void> {
  const contactIds = await allocateContactIds(contactsCreatedBy(read, decision));
  await saveRelation(read, decision, { now, contactIds });
}

/** POST update_relation: the action, then my contact of the friend as it now is. */
export async function updateRelation(meId: string, action: RelationAction, friendId: string, now: number): Promise<FeatContactView | null> {
  await applyRelation(meId, action, friendId, now);
  return currentFeatContact(meId, { kind: 'user', peerId: friendId }, now);
}

/** Blacklisting, shared by SealTalk's `add_to_blacklist` and FeatAPI's `black`: the entry and my contact of them. */
export const blackUser = (meId: string, otherId: string, now: number) => applyRelation(meId, 'black', otherId, now);
