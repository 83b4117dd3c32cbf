import { describe, expect, it } from 'vitest';
import { friendshipRoutes as S } from '../../lib/routes/friendship.js';
import { featapiRoutes as F } from '../../lib/routes/featapi.js';
import { userRoutes as U } from '../../lib/routes/user.js';
import { conversationGroupRoutes } from '../../lib/routes/conversation-groups.js';
import { call } from '../support/call.js';
import { callTim } from '../support/tim.js';
import { tableSnapshot } from '../support/table-state.js';
import { inSdk } from './inject.js';
import { edgeStatuses, INTERNAL, users } from './state.js';

describe('throttling (ProvisionedThroughputExceededException, ThrottlingException)', () => {
  it('a throttled read is retried by the SDK and the request succeeds', async () => {
    await users('th-a');
    const fault = inSdk('GetItemCommand', 'throughput', (attempt) => attempt <= 2);
    try {
      const out = await call(U.getPrivacy, { as: 'th-a' });
      expect(out).toMatchObject({ status: 200, body: { code: 200, result: { friVerify: 1 } } });
    } finally {
      fault.remove();
    }
    expect(fault.attempts.GetItemCommand).toBe(3);
  });

  it('a throttled transaction is retried and applied exactly once', async () => {
    await users('th-b', 'th-c');
    const fault = inSdk('TransactWriteItemsCommand', 'throttle', (attempt) => attempt <= 2);
    try {
      expect((await call(S.invite, { as: 'th-b', body: { friendId: 'th-c', message: 'hi' } })).body).toEqual({
        code: 200,
        result: { action: 'Sent' },
      });
    } finally {
      fault.remove();
    }
    expect(fault.attempts.TransactWriteItemsCommand).toBe(3);
    expect(await edgeStatuses('th-b', 'th-c')).toEqual([10, 11]);
    const contacts = await call(F.getContact, { as: 'th-c', query: { user: 'th-b' } });
    expect(contacts).toMatchObject({ status: 200, body: { data: { friend: 'th-b', status: 200 } } });
  });

  it('throttling that outlasts the retries: a clean dialect 500, nothing written', async () => {
    await users('th-d', 'th-e');
    const before = await tableSnapshot();
    const fault = inSdk('TransactWriteItemsCommand', 'throughput', () => true);
    try {
      const sealtalk = await call(S.invite, { as: 'th-d', body: { friendId: 'th-e', message: 'hi' } });
      expect(sealtalk).toMatchObject({ status: 500, body: { code: 500, message: INTERNAL } });
      expect(sealtalk.body).toEqual({ code: 500, message: INTERNAL });
      const featapi = await call(F.updateRelation, { as: 'th-d', body: { action: 'apply', friend: 'th-e' } });
      expect(featapi.status).toBe(500);
      expect(featapi.body).toEqual({ detail: INTERNAL });
    } finally {
      fault.remove();
    }
    // 4 attempts (maxAttempts) per request, then the error surfaces
    expect(fault.attempts.TransactWriteItemsCommand).toBe(8);
    // id counter ADDs are outside the transaction: only the counter may have moved
    expect(withoutCounters(await tableSnapshot())).toEqual(withoutCounters(before));
  });

  it('Tencent: throttled reads past the retries answer HTTP 200 with 50004 and no detail', async () => {
    await users('th-t');
    const fault = inSdk('BatchGetItemCommand', 'throttle', () => true);
    try {
      const out = await callTim(conversationGroupRoutes.searchContactGroup, {
        From_Account: 'th-t',
        ContactItem: [{ Type: 1, To_Account: 'th-u' }],
      });
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ ActionStatus: 'FAIL', ErrorCode: 50004, ErrorInfo: INTERNAL, ErrorDisplay: '' });
    } finally {
      fault.remove();
    }
    expect(fault.attempts.BatchGetItemCommand).toBe(4);
  });
});

/** The snapshot without id counters (ids allocated for a transaction that never ran are skipped, by design). */
function withoutCounters(snapshot: string): string[] {
  return (JSON.parse(snapshot) as string[]).filter((item) => !item.includes('"COUNTER#'));
}
