import { describe, expect, it } from 'vitest';
import { metered } from '../../lib/meter.js';
import { batchGet } from '../../lib/store/batch.js';
import { getItem } from '../../lib/store/items.js';
import { keys } from '../../lib/store/keys.js';
import { call } from '../support/call.js';
import { userRoutes } from '../../lib/routes/user.js';

describe('DynamoDB meter', () => {
  it('counts calls, sequential round trips and consumed capacity of what runs inside it', async () => {
    await call(userRoutes.getPrivacy, { as: 'meter-alice' });
    const { usage } = await metered(async () => {
      await getItem(keys.user('meter-alice'), true);
      await Promise.all([getItem(keys.user('meter-alice')), batchGet([keys.user('meter-alice'), keys.user('nobody')])]);
    });
    expect(usage.calls).toBe(3);
    expect(usage.roundTrips).toBe(2);
    expect(usage.byCommand).toEqual({ GetItemCommand: 2, BatchGetItemCommand: 1 });
    expect(usage.requestItems).toBe(4); // two GetItems, and a batch of two keys
    // one consistent read (1) + one eventually consistent read (0.5) + a batch that found one item (0.5;
    // DynamoDB Local charges batch reads only for the items found)
    expect(usage.readUnits).toBe(2);
    expect(usage.writeUnits).toBe(0);
  });

  it('keeps concurrent requests apart', async () => {
    const [a, b] = await Promise.all([
      metered(() => getItem(keys.user('x'))),
      metered(async () => {
        await getItem(keys.user('y'));
        await getItem(keys.user('z'));
      }),
    ]);
    expect(a.usage.calls).toBe(1);
    expect(b.usage.calls).toBe(2);
  });
});
