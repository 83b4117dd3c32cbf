import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { isConsistentPair } from '../../lib/domain/friendship-pairs.js';
import { featapiRoutes as F } from '../../lib/routes/featapi.js';
import { friendshipRoutes as S } from '../../lib/routes/friendship.js';
import { userRoutes as U } from '../../lib/routes/user.js';
import { readDeadLetters } from '../../lib/local/stream-dead-letters.js';
import { listEdges } from '../../lib/store/friendships.js';
import { call, claimsFor } from '../support/call.js';
import { deadLetterFile, streamDrained } from '../support/stream.js';
import { tableSnapshot } from '../support/table-state.js';
import { inSdk, networkError, wrapSend } from './inject.js';
import { edgeStatuses, friends, INTERNAL, users } from './state.js';

const ADMIN = claimsFor('appserver', { scope: 'party_admin' });

describe('timeouts and network errors', () => {
  it('a dropped connection before DynamoDB saw the call is retried by the SDK', async () => {
    await users('nw-a', 'nw-b');
    const fault = inSdk('BatchGetItemCommand', 'network', (attempt) => attempt === 1);
    try {
      expect((await call(S.invite, { as: 'nw-a', body: { friendId: 'nw-b', message: 'hi' } })).body).toEqual({
        code: 200,
        result: { action: 'Sent' },
      });
    } finally {
      fault.remove();
    }
    expect(fault.attempts.BatchGetItemCommand).toBeGreaterThanOrEqual(3);
    expect(await edgeStatuses('nw-a', 'nw-b')).toEqual([10, 11]);
  });

  it('a transaction whose answer was lost after it was applied is not applied twice', async () => {
    await users('nw-c', 'nw-d');
    const fault = inSdk('TransactWriteItemsCommand', 'lost-response', (attempt) => attempt === 1);
    let out;
    try {
      out = await call(S.invite, { as: 'nw-c', body: { friendId: 'nw-d', message: 'hi' } });
    } finally {
      fault.remove();
    }
    expect(out.status).toBe(200);
    expect(fault.attempts.TransactWriteItemsCommand).toBeGreaterThanOrEqual(2);
    const [mine, theirs] = await edgeStatuses('nw-c', 'nw-d');
    expect([mine, theirs]).toEqual([10, 11]);
    expect(isConsistentPair(mine as never, theirs as never)).toBe(true);
    // one contact each, with one id each: the retry did not create a second record
    const contacts = await Promise.all([
      call(F.getContact, { as: 'nw-c', query: { user: 'nw-d' } }),
      call(F.getContact, { as: 'nw-d', query: { user: 'nw-c' } }),
    ]);
    expect(contacts.map((c) => c.body.data.status)).toEqual([100, 200]);
  });

  it('a message whose delivery answer was lost counts once', async () => {
    await users('nw-e', 'nw-f');
    await call(F.ingestActivity, { as: ADMIN, body: { message_id: 'warm', from: 'nw-e', to_user: 'nw-f' } });
    const fault = inSdk('TransactWriteItemsCommand', 'lost-response', (attempt) => attempt === 1);
    try {
      expect((await call(F.ingestActivity, { as: ADMIN, body: { message_id: 'nw-m1', from: 'nw-e', to_user: 'nw-f' } })).status).toBe(200);
    } finally {
      fault.remove();
    }
    const again = await call(F.ingestActivity, { as: ADMIN, body: { message_id: 'nw-m1', from: 'nw-e', to_user: 'nw-f' } });
    expect(again.body.data).toEqual({ message_id: 'nw-m1', duplicate: true });
    expect((await call(F.getContact, { as: 'nw-f', query: { user: 'nw-e' } })).body.data.unread_count).toBe(2);
  });

  it('a network that stays down: a clean 500 in each dialect, nothing written', async () => {
    await users('nw-g', 'nw-h');
    const before = await tableSnapshot();
    // invite reads with BatchGetItem, get_contact with one GetItem
    const faults = [inSdk('BatchGetItemCommand', 'network', () => true), inSdk('GetItemCommand', 'network', () => true)];
    try {
      const sealtalk = await call(S.invite, { as: 'nw-g', body: { friendId: 'nw-h', message: 'hi' } });
      expect(sealtalk.status).toBe(500);
      expect(sealtalk.body).toEqual({ code: 500, message: INTERNAL });
      const featapi = await call(F.getContact, { as: 'nw-g', query: { user: 'nw-h' } });
      expect(featapi.status).toBe(500);
      expect(featapi.body).toEqual({ detail: INTERNAL });
    } finally {
      for (const fault of faults) fault.remove();
    }
    expect(await tableSnapshot()).toBe(before);
  });

  it('a profile fan-out cut off halfway by the network is run again by the stream until every copy is fresh', async () => {
    await users('nw-star');
    for (let i = 0; i < 6; i++) await friends('nw-star', `nw-fan${i}`);
    await streamDrained();
    const stale = async () => {
      const cards = await Promise.all(Array.from({ length: 6 }, (_, i) => listEdges(`nw-fan${i}`)));
      return cards.flat().filter((edge) => edge.peer.nickname !== 'Star').length;
    };
    let updates = 0;
    await wrapSend(
      async (command, real) => {
        // the user update and two copies go through, then the network drops for the next three writes
        if (command instanceof UpdateCommand && ++updates > 3 && updates <= 6) throw networkError();
        return real(command);
      },
      async () => {
        expect((await call(U.setNickname, { as: 'nw-star', body: { nickname: 'Star' } })).status).toBe(200);
        await streamDrained();
      },
    );
    // the consumer's first run was cut off; the stream ran the record again
    expect(updates).toBeGreaterThan(6 + 1);
    expect(await stale()).toBe(0);
    expect(readDeadLetters(deadLetterFile())).toEqual([]);
  });
});
