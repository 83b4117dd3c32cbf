import { isConsistentPair } from '../../lib/domain/friendship-pairs.js';
import { friendPhoneDrift } from '../support/friend-phones.js';
import { relationCopyDrift } from '../support/relation-copies.js';
import { recentIndexMismatches } from '../support/recent-index.js';
import { scanTable } from '../support/table-state.js';

/**
 * After-run checks of the whole table (a Scan: fine for a local load run; lib/ never scans).
 * - every friendship edge pair is one the rules can produce (`domain/friendship-pairs.ts`);
 * - every user contact's unread count equals the distinct messages ingested from that peer;
 * - every edge and every blacklist entry carries the other user's current card (the profile fan-out kept up);
 * - every blacklist entry has its reverse row and every reverse row its entry;
 * - every user contact's copied relation facts equal my edge / entry, and GSI2 (black_list) holds exactly the blocked peers' contacts;
 * - every agreed edge to a user holding a phone has exactly its FRIENDPHONE# row, and every phone claim carries its user's card (get_contacts_info).
 * - every contact's Tencent get_list keys (GSI3 `gsi3pk`, pin flag) match its listed state and its owner's pinned set.
 */
export interface InvariantReport {
  recentIndexMismatches: string[];
  edges: number;
  pairs: number;
  inconsistentPairs: string[];
  contactsChecked: number;
  unreadMismatches: string[];
  staleCards: string[];
  blockEntries: number;
  unpairedBlocks: string[];
  relationCopyDrift: string[];
  friendPhoneDrift: string[];
}

/** `delivered`: distinct message ids per `receiver\0sender`. */
export async function checkInvariants(delivered: ReadonlyMap<string, number>): Promise<InvariantReport> {
  const items = await scanTable();
  const edges = items.filter((item) => item.type === 'FRIEND');
  const users = new Map(items.filter((item) => item.type === 'USER').map((item) => [item.id as string, item]));
  const status = new Map(edges.map((edge) => [`${edge.userId}\u0000${edge.friendId}`, edge.status as number]));
  const inconsistentPairs: string[] = [];
  const seen = new Set<string>();
  for (const edge of edges) {
    const [a, b] = [edge.userId as string, edge.friendId as string].sort();
    const pair = `${a}\u0000${b}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    const ab = status.get(`${a}\u0000${b}`) as never;
    const ba = status.get(`${b}\u0000${a}`) as never;
    if (!isConsistentPair(ab, ba)) inconsistentPairs.push(`${a}→${b} ${ab ?? 'none'} / ${b}→${a} ${ba ?? 'none'}`);
  }
  const contacts = items.filter((item) => item.type === 'CONTACT' && item.kind === 'user');
  const unreadMismatches: string[] = [];
  for (const contact of contacts) {
    const expected = delivered.get(`${contact.ownerId}\u0000${contact.peerId}`) ?? 0;
    if (contact.unreadCount !== expected)
      unreadMismatches.push(`${contact.ownerId} ← ${contact.peerId}: unread ${contact.unreadCount}, delivered ${expected}`);
  }
  const blocks = items.filter((item) => item.type === 'BLOCK');
  const staleCards = [
    ...edges
      .filter((edge) => users.get(edge.friendId)?.nickname !== edge.peer?.nickname)
      .map((edge) => `${edge.userId}→${edge.friendId}: card "${edge.peer?.nickname}", user "${users.get(edge.friendId)?.nickname}"`),
    ...blocks
      .filter((block) => users.get(block.blockedId)?.nickname !== block.peer?.nickname)
      .map(
        (block) =>
          `${block.userId} blocks ${block.blockedId}: card "${block.peer?.nickname}", user "${users.get(block.blockedId)?.nickname}"`,
      ),
  ];
  const blockIds = new Set(blocks.map((block) => `${block.userId} blocks ${block.blockedId}`));
  const reverseIds = new Set(items.filter((item) => item.type === 'BLOCKEDBY').map((row) => `${row.blockerId} blocks ${row.userId}`));
  const unpairedBlocks = [
    ...[...blockIds].filter((id) => !reverseIds.has(id)).map((id) => `${id}: no reverse row`),
    ...[...reverseIds].filter((id) => !blockIds.has(id)).map((id) => `${id}: reverse row without entry`),
  ];
  return {
    recentIndexMismatches: recentIndexMismatches(items),
    edges: edges.length,
    pairs: seen.size,
    inconsistentPairs,
    contactsChecked: contacts.length,
    unreadMismatches,
    staleCards,
    blockEntries: blocks.length,
    unpairedBlocks,
    relationCopyDrift: relationCopyDrift(items),
    friendPhoneDrift: friendPhoneDrift(items),
  };
}
