import type { ConversationItem } from '../schemas/tencent.js';

/**
 * One conversation's marks and groups for one user (Tencent: "conversation group mark data"),
 * independent of the recent-contact list. A conversation that holds nothing is not stored.
 */
export interface ConversationMarks {
  conversation: ConversationItem;
  /** The 64-bit StandardMark: bit 0 star, 1 unread, 2 fold, 3 hide (the SDK's), 32–63 the app's. */
  standardMark: bigint;
  /** "" when none; at most 256 bytes. */
  customMark: string;
  /** Ids of the user's groups holding the conversation, ascending. */
  groupIds: number[];
  /** Last change, in seconds (Tencent's `Timestamp`). */
  updatedAt: number;
}

/** What one MarkItem asks for: OptType 1 standard, 2 custom, 3 both. */
export interface MarkChange {
  OptType: 1 | 2 | 3;
  SetMark?: number[];
  ClearMark?: number[];
  CustomMark?: string;
}

const BITS = 64n;
const ALL_BITS = (1n << BITS) - 1n;

/** StandardMark on the wire: the binary string of the number, bit 0 rightmost, no leading zeros ("0" when none). */
export function standardMarkToWire(mark: bigint): string {
  return mark.toString(2);
}

export function standardMarkFromWire(wire: string): bigint {
  return /^[01]{1,64}$/.test(wire) ? BigInt(`0b${wire}`) : 0n;
}

/** The numbers of the bits set in a StandardMark, ascending. */
export function markBits(mark: bigint): number[] {
  const bits: number[] = [];
  for (let bit = 0; bit < 64; bit++) if ((mark >> BigInt(bit)) & 1n) bits.push(bit);
  return bits;
}

export function markFromBits(bits: Iterable<number>): bigint {
  let mark = 0n;
  for (const bit of bits) mark |= 1n << BigInt(bit);
  return mark & ALL_BITS;
}

export function emptyMarks(conversation: ConversationItem): ConversationMarks {
  return { conversation, standardMark: 0n, customMark: '', groupIds: [], updatedAt: 0 };
}

export function isEmpty(marks: ConversationMarks): boolean {
  return marks.standardMark === 0n && marks.customMark === '' && marks.groupIds.length === 0;
}

/** Applies one MarkItem; a part the OptType does not name is left as it is. */
export function applyMarkChange(marks: ConversationMarks, change: MarkChange): ConversationMarks {
  let standardMark = marks.standardMark;
  let customMark = marks.customMark;
  if (change.OptType !== 2) {
    for (const bit of change.SetMark ?? []) standardMark |= 1n << BigInt(bit);
    for (const bit of change.ClearMark ?? []) standardMark &= ~(1n << BigInt(bit));
    standardMark &= ALL_BITS;
  }
  if (change.OptType !== 1 && change.CustomMark !== undefined) customMark = change.CustomMark;
  return { ...marks, standardMark, customMark };
}

export function withGroup(marks: ConversationMarks, groupId: number): ConversationMarks {
  if (marks.groupIds.includes(groupId)) return marks;
  return { ...marks, groupIds: [...marks.groupIds, groupId].sort((a, b) => a - b) };
}

export function withoutGroup(marks: ConversationMarks, groupId: number): ConversationMarks {
  if (!marks.groupIds.includes(groupId)) return marks;
  return { ...marks, groupIds: marks.groupIds.filter((id) => id !== groupId) };
}

/**
 * Whether `after` only adds to `before`: no bit cleared, no group left, the custom mark not
 * cleared. Such a change can be written as a commutative update that needs no revision check.
 */
export function onlyAdds(before: ConversationMarks, after: ConversationMarks): boolean {
  return (
    (before.standardMark & after.standardMark) === before.standardMark &&
    before.groupIds.every((id) => after.groupIds.includes(id)) &&
    (after.customMark !== '' || before.customMark === '')
  );
}

/** Whether two states hold the same marks and groups (time aside). */
export function sameMarks(a: ConversationMarks, b: ConversationMarks): boolean {
  return a.standardMark === b.standardMark && a.customMark === b.customMark && a.groupIds.join(',') === b.groupIds.join(',');
}
