import type { EdgeFacts } from '../../lib/domain/friendship.js';
import { sameEdgeFacts } from '../../lib/domain/relation.js';
import { blockedContactsIndex } from '../../lib/store/keys.js';

/**
 * The relation facts every user contact copies (`lib/store/contact-relation.ts`), checked over a
 * whole-table scan: `myEdge` holds the status facts of the owner's edge to the peer (absent when there
 * is none), `blockedByMe` and `gsi2pk` are set exactly while the owner's blacklist entry exists — so
 * GSI2 (FeatAPI black_list) holds exactly the contacts of blocked users. One line per drifted copy.
 */
export function relationCopyDrift(items: ReadonlyArray<Record<string, any>>): string[] {
  const edges = new Map(
    items.filter((item) => item.type === 'FRIEND').map((edge) => [`${edge.userId}\u0000${edge.friendId}`, edge as unknown as EdgeFacts]),
  );
  const blocks = new Set(items.filter((item) => item.type === 'BLOCK').map((block) => `${block.userId}\u0000${block.blockedId}`));
  const drift: string[] = [];
  for (const contact of items.filter((item) => item.type === 'CONTACT' && item.kind === 'user')) {
    const pair = `${contact.ownerId}\u0000${contact.peerId}`;
    const name = `${contact.ownerId}'s contact of ${contact.peerId}`;
    const edge = edges.get(pair);
    if (!sameEdgeFacts(contact.myEdge, edge))
      drift.push(`${name}: copied edge ${JSON.stringify(contact.myEdge ?? null)}, edge status ${edge?.status ?? 'none'}`);
    const blocked = blocks.has(pair);
    if ((contact.blockedByMe === true) !== blocked)
      drift.push(`${name}: blockedByMe ${contact.blockedByMe ?? false}, entry ${blocked ? 'present' : 'absent'}`);
    const gsi2pk = blocked ? blockedContactsIndex.pk(contact.ownerId) : undefined;
    if (contact.gsi2pk !== gsi2pk) drift.push(`${name}: gsi2pk ${contact.gsi2pk ?? 'absent'}, entry ${blocked ? 'present' : 'absent'}`);
    // GSI2's sort key is gsi1sk: without it a blocked contact would be missing from the black list.
    if (blocked && typeof contact.gsi1sk !== 'string') drift.push(`${name}: blocked but no gsi1sk, so not in GSI2`);
  }
  return drift;
}
