import { BatchGetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { friendshipRoutes as S } from '../../lib/routes/friendship.js';
import { featapiRoutes as F } from '../../lib/routes/featapi.js';
import { call, claimsFor } from '../support/call.js';
import { expectUnchanged } from '../support/table-state.js';
import { transactionConflict, wrapSend } from './inject.js';
import { edgeStatuses, friends, INTERNAL, users } from './state.js';

describe('TransactionCanceledException (TransactionConflict) and lost conditions', () => {
  it('a conflicting transaction is re-read, re-decided and applied (optimistic retry)', async () => {
    await users('tc-a', 'tc-b');
    expect((await call(S.invite, { as: 'tc-a', body: { friendId: 'tc-b', message: 'hi' } })).status).toBe(200);
    let transactions = 0;
    const out = await wrapSend(
      async (command, real) => {
        if (command instanceof TransactWriteCommand && ++transactions <= 2) throw transactionConflict(command.input.TransactItems!.length);
        return real(command);
      },
      () => call(S.agree, { as: 'tc-b', body: { friendId: 'tc-a' } }),
    );
    expect(out.body).toEqual({ code: 200, result: { action: 'Added' } });
    expect(transactions).toBe(3);
    expect(await edgeStatuses('tc-a', 'tc-b')).toEqual([20, 20]);
  });

  it('conflicts on every attempt: a clean 409 in each dialect, after 8 attempts, nothing written', async () => {
    await users('tc-c', 'tc-d');
    let transactions = 0;
    const conflictAlways = async (command: any, real: (c: any) => Promise<any>) => {
      if (command instanceof TransactWriteCommand) {
        transactions++;
        throw transactionConflict(command.input.TransactItems!.length);
      }
      return real(command);
    };
    await expectUnchanged(
      async () => {
        await wrapSend(conflictAlways, async () => {
          const sealtalk = await call(S.invite, { as: 'tc-c', body: { friendId: 'tc-d', message: 'hi' } });
          expect(sealtalk.status).toBe(409);
          expect(sealtalk.body).toEqual({ code: 409, message: 'The record changed while it was being updated; please retry.' });
          const featapi = await call(F.updateRelation, { as: 'tc-c', body: { action: 'apply', friend: 'tc-d' } });
          expect(featapi.status).toBe(409);
          expect(featapi.body).toEqual({ detail: 'The record changed while it was being updated; please retry.' });
        });
      },
      (after, before) => expect(withoutCounters(after)).toEqual(withoutCounters(before)),
    );
    expect(transactions).toBe(16);
    expect(await edgeStatuses('tc-c', 'tc-d')).toEqual([undefined, undefined]);
  });

  it('a single-edge write that loses its condition re-reads and succeeds', async () => {
    await friends('tc-e', 'tc-f');
    let puts = 0;
    const out = await wrapSend(
      async (command, real) => {
        if (command instanceof PutCommand && ++puts === 1) {
          throw Object.assign(new Error('The conditional request failed'), {
            name: 'ConditionalCheckFailedException',
            $metadata: { httpStatusCode: 400 },
          });
        }
        return real(command);
      },
      () => call(S.setDisplayName, { as: 'tc-e', body: { friendId: 'tc-f', displayName: 'Eff' } }),
    );
    expect(out.body).toEqual({ code: 200 });
    expect(puts).toBe(2);
    expect((await call(S.getFriendDescription, { as: 'tc-e', body: { friendId: 'tc-f' } })).body.result.displayName).toBe('Eff');
  });
});

describe('BatchGetItem UnprocessedKeys', () => {
  it('keys DynamoDB left unprocessed are read again; the answer is complete', async () => {
    await users('ub-me');
    const phones = Array.from({ length: 6 }, (_, i) => `1380000${String(i).padStart(4, '0')}`);
    for (const [i, phone] of phones.entries()) await call(S.all, { as: claimsFor(`ub-${i}`, { phone, region: '86' }) });
    await friends('ub-me', 'ub-0');
    const expected = (await call(S.contactsInfo, { as: 'ub-me', body: { contactList: [...phones, '13999999999'] } })).body;

    let batches = 0;
    const out = await wrapSend(
      async (command, real) => {
        if (!(command instanceof BatchGetCommand)) return real(command);
        batches++;
        const [table, request] = Object.entries(command.input.RequestItems!)[0]!;
        const keys = request.Keys!;
        if (keys.length < 2) return real(command);
        // DynamoDB answers half and hands the other half back
        const half = Math.ceil(keys.length / 2);
        const answered = await real(new BatchGetCommand({ RequestItems: { [table]: { ...request, Keys: keys.slice(0, half) } } }));
        return { ...answered, UnprocessedKeys: { [table]: { ...request, Keys: keys.slice(half) } } };
      },
      () => call(S.contactsInfo, { as: 'ub-me', body: { contactList: [...phones, '13999999999'] } }),
    );
    expect(out.status).toBe(200);
    expect(out.body).toEqual(expected);
    expect(out.body.result.filter((row: { registered: number }) => row.registered === 1)).toHaveLength(6);
    expect(batches).toBeGreaterThan(3);
  });

  it('keys that stay unprocessed: a clean 500, no partial answer', async () => {
    await users('ub-x');
    const out = await wrapSend(
      async (command, real) => {
        if (!(command instanceof BatchGetCommand)) return real(command);
        const [table, request] = Object.entries(command.input.RequestItems!)[0]!;
        return { Responses: { [table]: [] }, UnprocessedKeys: { [table]: request }, $metadata: {} };
      },
      () => call(S.contactsInfo, { as: 'ub-x', body: { contactList: ['13800000000'] } }),
    );
    expect(out.status).toBe(500);
    expect(out.body).toEqual({ code: 500, message: INTERNAL });
  });
});

function withoutCounters(snapshot: string): string[] {
  return (JSON.parse(snapshot) as string[]).filter((item) => !item.includes('"COUNTER#'));
}
