import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../lib/domain/friendship.js';
import { call } from '../support/call.js';
import { contactOf, relate, S, users } from '../featapi/helpers.js';

/**
 * FeatAPI relations through the handlers as time passes (docs/behaviour.md#contact-list-featapi): the one-month hold after a
 * reject and the 24-hour hold after two recalls end when they should, in both dialects; unblack
 * restores a status other than 300. (The rules themselves are tested pure in test/featapi.)
 */
const statusOf = async (as: string, user: string) => (await contactOf(as, { user })).body.data?.status;

/** Moves the clock the handlers read (Date only; timers run as usual). */
function travel(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + ms);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('relation holds end when they should', () => {
  it('a rejected applicant is 500 and refused for a month in both dialects, then may apply again', async () => {
    await users('hold-a', 'hold-b');
    await relate('hold-a', 'apply', 'hold-b');
    await relate('hold-b', 'reject', 'hold-a');
    expect(await statusOf('hold-a', 'hold-b')).toBe(500);

    travel(29 * DAY_MS);
    expect((await relate('hold-a', 'apply', 'hold-b')).status).toBe(400);
    expect((await call(S.invite, { as: 'hold-a', body: { friendId: 'hold-b', message: 'again' } })).body.result).toEqual({
      action: 'None',
    });

    travel(2 * DAY_MS);
    expect((await call(S.invite, { as: 'hold-a', body: { friendId: 'hold-b', message: 'a month on' } })).body.result).toEqual({
      action: 'Sent',
    });
    expect(await statusOf('hold-a', 'hold-b')).toBe(100);
    expect(await statusOf('hold-b', 'hold-a')).toBe(200);
  });

  it('two recalls within 24 h hold for 24 h (status 400), then apply works again', async () => {
    await users('rec-a', 'rec-b');
    for (let i = 0; i < 2; i++) {
      await relate('rec-a', 'apply', 'rec-b');
      await relate('rec-a', 'recall', 'rec-b');
    }
    expect(await statusOf('rec-a', 'rec-b')).toBe(400);
    travel(23 * 60 * 60 * 1000);
    expect((await relate('rec-a', 'apply', 'rec-b')).status).toBe(400);
    travel(2 * 60 * 60 * 1000);
    expect((await relate('rec-a', 'apply', 'rec-b')).body.data.status).toBe(100);
  });

  it('unblack restores the status held before black: a pending application stays pending', async () => {
    await users('ub-a', 'ub-b');
    await relate('ub-a', 'apply', 'ub-b');
    expect((await relate('ub-b', 'black', 'ub-a')).body.data.status).toBe(600);
    expect((await relate('ub-b', 'unblack', 'ub-a')).body.data.status).toBe(200);
    expect((await relate('ub-b', 'accept', 'ub-a')).body.data.status).toBe(300);
    expect(await statusOf('ub-a', 'ub-b')).toBe(300);
  });
});
