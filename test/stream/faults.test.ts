import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { readDeadLetters } from '../../lib/local/stream-dead-letters.js';
import { localStreamHandler } from '../../lib/local/stream-consumer.js';
import { invokeConsumer } from '../../lib/local/stream-poller.js';
import { listEdges } from '../../lib/store/friendships.js';
import type { StreamReaction } from '../../lib/stream/reaction.js';
import { keysOf } from '../../lib/stream/record.js';
import { streamReactions } from '../../lib/stream/reactions/index.js';
import { STREAM_CONSUMER } from '../../lib/stream/settings.js';
import { wrapSend } from '../faults/inject.js';
import { friends } from '../faults/state.js';
import { call } from '../support/call.js';
import { U } from '../support/sealtalk.js';
import { deadLetterFile, restartStream, streamDrained, stopStream } from '../support/stream.js';

/**
 * Faults of the stream consumer on DynamoDB Local's stream (docs/change-stream.md): a record that
 * makes a reaction throw, and a consumer killed in the middle of a batch.
 */

const rename = (as: string, nickname: string) => call(U.setNickname, { as, body: { nickname } });

/** How many of `holders`' edges to `userId` do not show `nickname` yet. */
async function staleCards(userId: string, holders: string[], nickname: string): Promise<number> {
  const edges = (await Promise.all(holders.map((holder) => listEdges(holder)))).flat();
  return edges.filter((edge) => edge.friendId === userId && edge.peer.nickname !== nickname).length;
}

/** A reaction that throws on every record of `userId`'s profile, counting its tries. */
function poisonFor(userId: string): StreamReaction & { tries: number } {
  return {
    name: 'poison',
    filterPattern: {},
    tries: 0,
    wants: (record: DynamoDBRecord) =>
      keysOf(record).pk === `USER#${userId}` && keysOf(record).sk === 'PROFILE' && record.eventName === 'MODIFY',
    async apply() {
      this.tries++;
      throw new Error(`cannot apply ${userId}`);
    },
  };
}

afterEach(async () => {
  // every test leaves this file's consumer as the setup file made it
  await restartStream();
});

describe('a record that makes a reaction throw', () => {
  it('is isolated: the rest of its batch applies, and after its retries it lands in the dead-letter file, ready to replay', async () => {
    const holders = ['fx-h1', 'fx-h2'];
    for (const holder of holders) {
      await friends('fx-bad', holder);
      await friends('fx-good1', holder);
      await friends('fx-good2', holder);
    }
    await streamDrained();
    const lettersBefore = readDeadLetters(deadLetterFile()).length;
    // the three changes wait in the stream and come to the consumer in one batch
    await stopStream();
    expect((await rename('fx-good1', 'Good1')).status).toBe(200);
    expect((await rename('fx-bad', 'Bad')).status).toBe(200);
    expect((await rename('fx-good2', 'Good2')).status).toBe(200);
    const poison = poisonFor('fx-bad');
    await restartStream({ reactions: [...streamReactions, poison] });
    await streamDrained();

    expect(await staleCards('fx-good1', holders, 'Good1')).toBe(0);
    expect(await staleCards('fx-good2', holders, 'Good2')).toBe(0);
    // profile-copies ran before the poison on the same record, so its copies are there; the record still failed
    const letters = readDeadLetters(deadLetterFile()).slice(lettersBefore);
    expect(letters).toHaveLength(1);
    const [letter] = letters as [(typeof letters)[number]];
    expect(letter.records.map((record) => keysOf(record))).toEqual([{ pk: 'USER#fx-bad', sk: 'PROFILE' }]);
    expect(letter.records[0]!.dynamodb!.NewImage!.nickname).toEqual({ S: 'Bad' });
    expect(letter).toMatchObject({ tableName: process.env.TABLE_NAME, firstSequenceNumber: letter.records[0]!.dynamodb!.SequenceNumber });
    // the reason itself is in the consumer's log line for the record ('stream record failed')
    expect(letter.error).toContain(`record ${letter.firstSequenceNumber} reported failed`);
    // bounded: the first delivery, then the retries of the record on its own
    expect(letter.attempts).toBe(poison.tries);
    expect(poison.tries).toBeGreaterThan(STREAM_CONSUMER.retryAttempts);
    expect(poison.tries).toBeLessThanOrEqual(STREAM_CONSUMER.retryAttempts + 3);

    // the consumer went on past it: a later change of the same user applies
    await restartStream();
    expect((await rename('fx-bad', 'Bad again')).status).toBe(200);
    await streamDrained();
    expect(await staleCards('fx-bad', holders, 'Bad again')).toBe(0);
  });

  it('is replayed from the dead-letter file once the fault is gone', async () => {
    const holders = ['fr-h1', 'fr-h2', 'fr-h3'];
    for (const holder of holders) await friends('fr-bad', holder);
    await streamDrained();
    const lettersBefore = readDeadLetters(deadLetterFile()).length;
    // the copies themselves fail: every card update of the consumer is refused
    let failing = true;
    await wrapSend(
      async (command, real) => {
        if (failing && command instanceof UpdateCommand && command.input.UpdateExpression?.startsWith('SET peer'))
          throw new Error('copy refused');
        return real(command);
      },
      async () => {
        expect((await rename('fr-bad', 'Replayed')).status).toBe(200);
        await streamDrained();
      },
    );
    failing = false;
    expect(await staleCards('fr-bad', holders, 'Replayed')).toBe(holders.length);
    const [letter] = readDeadLetters(deadLetterFile()).slice(lettersBefore);
    expect(letter?.error).toContain('reported failed');

    const replay = await invokeConsumer(localStreamHandler(), letter!.records);
    expect(replay).toEqual({ from: letter!.records.length });
    expect(await staleCards('fr-bad', holders, 'Replayed')).toBe(0);
  });
});

describe('a consumer killed in the middle of a batch', () => {
  it('delivers the batch again when started again, and every copy converges', async () => {
    const holders = Array.from({ length: 12 }, (_, i) => `fk-h${i}`);
    for (const holder of holders) await friends('fk-star', holder);
    await streamDrained();
    let copies = 0;
    let halfWay!: () => void;
    const reachedHalfWay = new Promise<void>((resolve) => (halfWay = resolve));
    await wrapSend(
      async (command, real) => {
        if (command instanceof UpdateCommand && command.input.UpdateExpression?.startsWith('SET peer')) {
          // five copies are written, then the process "dies": the consumer's next writes never return
          if (++copies > 5) {
            halfWay();
            return new Promise(() => undefined);
          }
        }
        return real(command);
      },
      async () => {
        expect((await rename('fk-star', 'Star')).status).toBe(200);
        await reachedHalfWay;
      },
    );
    expect(await staleCards('fk-star', holders, 'Star')).toBeGreaterThan(0);
    // killed: nothing of the batch in hand is checkpointed; a new consumer starts from the checkpoint
    await restartStream({}, 'abandon');
    await streamDrained();
    expect(await staleCards('fk-star', holders, 'Star')).toBe(0);
  });
});
