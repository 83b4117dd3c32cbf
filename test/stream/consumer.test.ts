import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { compareSequenceNumbers, consumeStreamBatch } from '../../lib/stream/consumer.js';
import type { StreamReaction } from '../../lib/stream/reaction.js';

/** The consumer on its own (no DynamoDB): who gets which record, in what order, and what is reported. */

const record = (sequence: number, pk: string, eventName: DynamoDBRecord['eventName'] = 'MODIFY'): DynamoDBRecord => ({
  eventName,
  dynamodb: { Keys: { pk: { S: pk }, sk: { S: 'PROFILE' } }, SequenceNumber: String(sequence).padStart(21, '0') },
});

/** A reaction that records what it applied, waits a little on `slow` keys, and throws on `poison` sequence numbers. */
function recorder(options: { poison?: number[]; slow?: string[]; wants?: (record: DynamoDBRecord) => boolean } = {}) {
  const applied: string[] = [];
  const reaction: StreamReaction = {
    name: 'recorder',
    filterPattern: {},
    wants: options.wants ?? (() => true),
    async apply(r) {
      const pk = r.dynamodb!.Keys!.pk!.S!;
      const sequence = Number(r.dynamodb!.SequenceNumber);
      // a slow key yields to the event loop several times: its later records must still wait for it
      if (options.slow?.includes(pk)) for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      if (options.poison?.includes(sequence)) throw new Error(`poison ${sequence}`);
      applied.push(`${pk}:${sequence}`);
    },
  };
  return { reaction, applied };
}

describe('consumeStreamBatch', () => {
  it('runs the records of one item in stream order, other items side by side, and reports nothing when all apply', async () => {
    const { reaction, applied } = recorder({ slow: ['A'] });
    const out = await consumeStreamBatch([reaction], {
      Records: [record(1, 'A'), record(2, 'B'), record(3, 'A'), record(4, 'B'), record(5, 'A')],
    });
    expect(out.batchItemFailures).toEqual([]);
    expect(out.outcome).toEqual({ records: 5, applied: 5, failed: 0, deferred: 0 });
    expect(applied.filter((entry) => entry.startsWith('A:'))).toEqual(['A:1', 'A:3', 'A:5']);
    expect(applied.filter((entry) => entry.startsWith('B:'))).toEqual(['B:2', 'B:4']);
    // B did not wait for the slow A
    expect(applied.indexOf('B:4')).toBeLessThan(applied.indexOf('A:3'));
  });

  it('isolates a failing record: its key stops there, every other record applies, the earliest failure is reported', async () => {
    const { reaction, applied } = recorder({ poison: [3, 6] });
    const out = await consumeStreamBatch([reaction], {
      Records: [record(1, 'A'), record(2, 'B'), record(3, 'A'), record(4, 'C'), record(5, 'A'), record(6, 'C'), record(7, 'B')],
    });
    expect(applied.sort()).toEqual(['A:1', 'B:2', 'B:7', 'C:4']);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: record(3, 'A').dynamodb!.SequenceNumber }]);
    expect(out.outcome).toEqual({ records: 7, applied: 4, failed: 2, deferred: 1 });
  });

  it('hands a record only to the reactions that want it, each in turn', async () => {
    const inserts = recorder({ wants: (r) => r.eventName === 'INSERT' });
    const all = recorder();
    await consumeStreamBatch([inserts.reaction, all.reaction], {
      Records: [record(1, 'A', 'INSERT'), record(2, 'A'), record(3, 'B', 'REMOVE')],
    });
    expect(inserts.applied).toEqual(['A:1']);
    expect(all.applied.sort()).toEqual(['A:1', 'A:2', 'B:3']);
  });

  it('compares sequence numbers as integers of any length', () => {
    expect(compareSequenceNumbers('9', '10')).toBe(-1);
    expect(compareSequenceNumbers('000000000000000000010', '9')).toBe(1);
    expect(compareSequenceNumbers('42', '0042')).toBe(0);
  });
});
