import { describe, expect, it } from 'vitest';
import { MAX_CONVERSATIONS, MAX_PER_GROUP, checkGroupName, checkMarkCount } from '../../lib/domain/conversation-limits.js';
import {
  applyMarkChange,
  emptyMarks,
  isEmpty,
  markBits,
  markFromBits,
  onlyAdds,
  standardMarkFromWire,
  standardMarkToWire,
  withGroup,
  withoutGroup,
  type ConversationMarks,
} from '../../lib/domain/conversation-marks.js';
import { ConversationPlan, writeDeltas } from '../../lib/domain/conversation-plan.js';
import { ConversationRuleError } from '../../lib/errors.js';

const bob = { Type: 1 as const, To_Account: 'bob' };
const marksOf = (patch: Partial<ConversationMarks>): ConversationMarks => ({ ...emptyMarks(bob), ...patch });

describe('StandardMark', () => {
  it('is the binary string of the 64-bit number: bit 0 rightmost, no leading zeros, "0" when none', () => {
    expect(standardMarkToWire(0n)).toBe('0');
    expect(standardMarkToWire(markFromBits([1, 2, 3, 4, 5, 6, 7]))).toBe('11111110');
    expect(standardMarkToWire(markFromBits([0]))).toBe('1');
    expect(standardMarkToWire(markFromBits([63]))).toBe(`1${'0'.repeat(63)}`);
    expect(standardMarkFromWire('11111110')).toBe(254n);
    expect(markBits(markFromBits([63, 0, 32]))).toEqual([0, 32, 63]);
  });

  it('sets and clears bits; OptType says which part changes', () => {
    const start = marksOf({ standardMark: markFromBits([0, 5]), customMark: 'old' });
    const standard = applyMarkChange(start, { OptType: 1, SetMark: [1, 63], ClearMark: [0], CustomMark: 'ignored' });
    expect(markBits(standard.standardMark)).toEqual([1, 5, 63]);
    expect(standard.customMark).toBe('old');
    const custom = applyMarkChange(start, { OptType: 2, SetMark: [9], CustomMark: 'new' });
    expect(custom.standardMark).toBe(start.standardMark);
    expect(custom.customMark).toBe('new');
    const both = applyMarkChange(start, { OptType: 3, ClearMark: [5], CustomMark: '' });
    expect(markBits(both.standardMark)).toEqual([0]);
    expect(both.customMark).toBe('');
  });

  it('a conversation with no bit, no custom mark and no group is empty', () => {
    expect(isEmpty(emptyMarks(bob))).toBe(true);
    expect(isEmpty(marksOf({ customMark: 'x' }))).toBe(false);
    expect(isEmpty(withoutGroup(withGroup(emptyMarks(bob), 3), 3))).toBe(true);
  });

  it('onlyAdds tells additions (commutative writes) from removals (revision-guarded writes)', () => {
    const base = marksOf({ standardMark: 1n, groupIds: [1], customMark: 'a' });
    expect(onlyAdds(base, { ...base, standardMark: 3n, groupIds: [1, 2] })).toBe(true);
    expect(onlyAdds(base, { ...base, customMark: 'b' })).toBe(true);
    expect(onlyAdds(base, { ...base, customMark: '' })).toBe(false);
    expect(onlyAdds(base, { ...base, standardMark: 2n })).toBe(false);
    expect(onlyAdds(base, { ...base, groupIds: [] })).toBe(false);
  });
});

describe('limits with their own codes', () => {
  const codeOf = (run: () => void) => {
    try {
      run();
    } catch (error) {
      return (error as ConversationRuleError).code;
    }
    return 0;
  };

  it('MarkItem count 1–100 (51006), group names 1–32 bytes (51011)', () => {
    expect(codeOf(() => checkMarkCount(0))).toBe(51006);
    expect(codeOf(() => checkMarkCount(100))).toBe(0);
    expect(codeOf(() => checkMarkCount(101))).toBe(51006);
    expect(codeOf(() => checkGroupName(''))).toBe(51011);
    expect(codeOf(() => checkGroupName('x'.repeat(32)))).toBe(0);
    expect(codeOf(() => checkGroupName('x'.repeat(33)))).toBe(51011);
    expect(codeOf(() => checkGroupName('组'.repeat(10) + 'ab'))).toBe(0); // 32 bytes
    expect(codeOf(() => checkGroupName('组'.repeat(11)))).toBe(51011); // 33 bytes
  });
});

describe('ConversationPlan', () => {
  it('refuses the 1,001st stored conversation with 51008 and keeps applying the items after it', () => {
    const plan = new ConversationPlan({ stored: new Map(), conversationCount: MAX_CONVERSATIONS - 1, groupSizes: new Map() }, 100);
    const star = (marks: ConversationMarks) => applyMarkChange(marks, { OptType: 1, SetMark: [0] });
    expect(plan.apply('C2C#a', { Type: 1, To_Account: 'a' }, star).ResultCode).toBe(0);
    expect(plan.apply('C2C#b', { Type: 1, To_Account: 'b' }, star)).toEqual({
      ResultCode: 51008,
      ResultInfo: expect.stringContaining('1000'),
    });
    // a change to a conversation already planned needs no new room
    expect(plan.apply('C2C#a', { Type: 1, To_Account: 'a' }, (m) => applyMarkChange(m, { OptType: 2, CustomMark: 'x' })).ResultCode).toBe(
      0,
    );
    expect(plan.writes().map((write) => write.id)).toEqual(['C2C#a']);
    expect(plan.writes()[0]!.after).toMatchObject({ customMark: 'x', updatedAt: 100 });
  });

  it("refuses a group's 1,001st conversation with 51008", () => {
    const plan = new ConversationPlan({ stored: new Map(), conversationCount: 0, groupSizes: new Map([[7, MAX_PER_GROUP]]) }, 1);
    expect(plan.apply('C2C#a', bob, (m) => withGroup(m, 7)).ResultCode).toBe(51008);
    expect(plan.writes()).toEqual([]);
  });

  it('writes only what changes, freeing room first, and counts the deltas the header is conditioned on', () => {
    const stored = new Map<string, ConversationMarks | undefined>([
      ['C2C#old', marksOf({ groupIds: [1] })],
      ['C2C#same', marksOf({ standardMark: 1n })],
    ]);
    const plan = new ConversationPlan({ stored, conversationCount: 2, groupSizes: new Map([[1, 1]]) }, 5);
    plan.apply('C2C#new', { Type: 1, To_Account: 'new' }, (m) => withGroup(m, 1));
    plan.apply('C2C#old', bob, (m) => withoutGroup(m, 1));
    plan.apply('C2C#same', bob, (m) => applyMarkChange(m, { OptType: 1, SetMark: [0] }));
    const writes = plan.writes();
    expect(writes.map((write) => write.id)).toEqual(['C2C#old', 'C2C#new']);
    expect(writes[0]!.after).toBeUndefined(); // left with nothing: deleted
    expect(writeDeltas(writes)).toEqual({ conversations: 0, groups: new Map() });
    expect(writeDeltas(writes.slice(0, 1))).toEqual({ conversations: -1, groups: new Map([[1, -1]]) });
  });
});
