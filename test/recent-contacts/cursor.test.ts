import { describe, expect, it } from 'vitest';
import { conversationSlot, cursorAfter, entriesAfter, msgTimeOf, refOfSlot, sessionItem, START } from '../../lib/domain/recent-contacts.js';

/** Entries named by letter, ordered by MsgTime descending. */
const list = (...pairs: Array<[string, number]>) => pairs.map(([name, msgTime]) => ({ name, msgTime }));
const namesOf = (entries: ReadonlyArray<{ name: string }>) => entries.map((entry) => entry.name).join('');

describe('recent-contact cursor (pure)', () => {
  const ordered = list(['a', 30], ['b', 20], ['c', 20], ['d', 20], ['e', 10], ['f', 0], ['g', 0]);

  it('starts at (0, 0) and walks every entry once, whatever the page size', () => {
    for (const size of [1, 2, 3, 4, 7, 10]) {
      let cursor = START;
      const seen: string[] = [];
      for (let guard = 0; guard < 20; guard++) {
        const page = entriesAfter(ordered, cursor).slice(0, size);
        if (!page.length) break;
        seen.push(namesOf(page));
        cursor = cursorAfter(cursor, page);
      }
      expect(seen.join(''), `page size ${size}`).toBe('abcdefg');
    }
  });

  it('counts the entries of the last second returned, carrying the count over pages of one second', () => {
    expect(cursorAfter(START, list(['a', 30], ['b', 20]))).toEqual({ time: 20, index: 1 });
    expect(cursorAfter({ time: 20, index: 1 }, list(['c', 20]))).toEqual({ time: 20, index: 2 });
    expect(cursorAfter({ time: 20, index: 2 }, list(['d', 20], ['e', 10]))).toEqual({ time: 10, index: 1 });
    expect(cursorAfter({ time: 20, index: 2 }, [])).toEqual({ time: 20, index: 2 });
    // a cursor made after entries of MsgTime 0 is not the start
    expect(cursorAfter(START, list(['f', 0]))).toEqual({ time: 0, index: 1 });
    expect(namesOf(entriesAfter(ordered, { time: 0, index: 1 }))).toBe('g');
  });

  it('skips newer seconds and the counted ties only', () => {
    expect(namesOf(entriesAfter(ordered, { time: 20, index: 2 }))).toBe('defg');
    expect(namesOf(entriesAfter(ordered, { time: 25, index: 0 }))).toBe('bcdefg');
    expect(namesOf(entriesAfter(ordered, { time: 20, index: 9 }))).toBe('efg');
  });

  it('renders SessionItem as Tencent does, with MsgTime in seconds and slots that round-trip', () => {
    expect(msgTimeOf(1_630_997_627_999)).toBe(1_630_997_627);
    expect(sessionItem({ ref: { kind: 'user', peerId: 'id2' }, msgTime: 1_630_997_627, pinned: true })).toEqual({
      Type: 1,
      To_Account: 'id2',
      MsgTime: 1_630_997_627,
      TopFlag: 1,
    });
    expect(sessionItem({ ref: { kind: 'group', peerId: '12' }, msgTime: 5, pinned: false })).toEqual({
      Type: 2,
      GroupId: '12',
      MsgTime: 5,
      TopFlag: 0,
    });
    for (const ref of [
      { kind: 'user', peerId: 'G#odd' },
      { kind: 'group', peerId: '42' },
    ] as const)
      expect(refOfSlot(conversationSlot(ref))).toEqual(ref);
  });
});
