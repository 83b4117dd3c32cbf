import { FriendStatus } from '../../lib/domain/friendship.js';
import { phoneCard, type User } from '../../lib/domain/user.js';

/**
 * What get_contacts_info reads by key, checked over a whole-table scan (`lib/store/friend-phones.ts`,
 * the `card` of `PHONE#` claims):
 * - every agreed edge to a user holding a phone has exactly its friend-by-phone row, naming that
 *   friend, and no row exists without one;
 * - every phone claim names a user holding that phone and carries that user's current card.
 * One line per drifted row or claim.
 */
export function friendPhoneDrift(items: ReadonlyArray<Record<string, any>>): string[] {
  const users = new Map(items.filter((item) => item.type === 'USER').map((user) => [user.id as string, user as unknown as User]));
  const expected = new Map<string, string>();
  for (const edge of items.filter((item) => item.type === 'FRIEND' && item.status === FriendStatus.Agreed)) {
    const phone = users.get(edge.friendId)?.phone;
    if (phone) expected.set(`${edge.userId} → ${phone}`, edge.friendId);
  }
  const actual = new Map(
    items
      .filter((item) => item.type === 'FRIENDPHONE')
      .map((row) => [`${row.userId} → ${row.sk.slice('FRIENDPHONE#'.length)}`, row.friendId as string]),
  );
  const drift: string[] = [];
  for (const [row, friendId] of expected) {
    if (actual.get(row) !== friendId) drift.push(`row ${row}: ${actual.get(row) ?? 'missing'}, agreed edge to ${friendId}`);
  }
  for (const [row, friendId] of actual)
    if (!expected.has(row)) drift.push(`row ${row} → ${friendId}: no agreed edge to the phone's holder`);
  for (const claim of items.filter((item) => item.type === 'PHONE')) {
    const phone = claim.pk.slice('PHONE#'.length);
    const user = users.get(claim.userId);
    if (!user || user.phone !== phone) {
      drift.push(`claim ${phone}: held by ${claim.userId}, whose phone is ${user ? `"${user.phone}"` : 'unknown'}`);
      continue;
    }
    const card = JSON.stringify(cardFields(claim.card ?? {}));
    const current = JSON.stringify(cardFields(phoneCard(user)));
    if (card !== current) drift.push(`claim ${phone}: card ${card}, user ${current}`);
    // a change of no card field (friVerify) bumps the record's rev alone: the card's may be older, never newer
    if ((claim.card?.rev ?? 0) > (user.rev ?? 0)) drift.push(`claim ${phone}: card rev ${claim.card?.rev}, user rev ${user.rev}`);
  }
  return drift;
}

/** A card's fields, in one order. */
function cardFields(card: Record<string, unknown>) {
  const { id, nickname, portraitUri, stAccount } = card;
  return { id, nickname, portraitUri, stAccount };
}
