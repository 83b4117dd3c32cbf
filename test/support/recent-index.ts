import { conversationSlot } from '../../lib/domain/recent-contacts.js';
import { recentContactsIndex } from '../../lib/store/keys.js';

/**
 * Drift of Tencent get_list's GSI3 copy against the facts it copies (a table scan's items; used by
 * tests and by the load run's invariants):
 * - a contact is flagged `pinned` exactly when its slot is in its owner's pinned set and not detached;
 * - its `gsi3pk` is `recentContactsIndex.pkOf` of its hidden state and flag, and present exactly when `gsi1pk` is;
 * - `detached` ⊆ `pinned`, and every attached slot has a record.
 * Returns one line per mismatch (none: fresh).
 */
export function recentIndexMismatches(items: ReadonlyArray<Record<string, any>>): string[] {
  const pinnedOf = new Map(items.filter((item) => item.type === 'PINNED').map((item) => [item.ownerId as string, item]));
  const out: string[] = [];
  const recorded = new Set<string>();
  for (const contact of items.filter((item) => item.type === 'CONTACT')) {
    const slot = conversationSlot({ kind: contact.kind, peerId: contact.peerId });
    const owner = contact.ownerId as string;
    recorded.add(`${owner} ${slot}`);
    const set = pinnedOf.get(owner);
    const attached = (set?.pinned?.has(slot) ?? false) && !(set?.detached?.has(slot) ?? false);
    if ((contact.pinned === true) !== attached) out.push(`${owner} ${slot}: flag ${contact.pinned === true}, pinned set says ${attached}`);
    const expected = recentContactsIndex.pkOf(owner, { hidden: contact.hidden, pinned: contact.pinned });
    if (contact.gsi3pk !== expected) out.push(`${owner} ${slot}: gsi3pk ${contact.gsi3pk}, expected ${expected}`);
    if ((contact.gsi3pk === undefined) !== (contact.gsi1pk === undefined))
      out.push(`${owner} ${slot}: gsi3pk ${contact.gsi3pk} but gsi1pk ${contact.gsi1pk}`);
  }
  for (const [owner, set] of pinnedOf) {
    const pinned = new Set<string>(set.pinned ?? []);
    for (const slot of set.detached ?? []) if (!pinned.has(slot)) out.push(`${owner} ${slot}: detached but not pinned`);
    for (const slot of pinned) {
      if (!(set.detached?.has(slot) ?? false) && !recorded.has(`${owner} ${slot}`)) out.push(`${owner} ${slot}: attached without a record`);
    }
  }
  return out;
}
