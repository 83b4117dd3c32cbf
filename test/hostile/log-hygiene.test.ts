import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLocalServer } from '../../lib/local/server.js';
import { clipForLog, LOG_VALUE_MAX_CHARS, loggableError, logger } from '../../lib/observability.js';
import { routes } from '../../lib/routes/index.js';
import { call, claimsFor } from '../support/call.js';
import { localToken } from '../support/http-client.js';
import { S, users } from '../support/sealtalk.js';
import { wrapSend } from '../faults/inject.js';

/**
 * Logs never carry an attacker-sized value whole (docs/identity-and-privacy.md): ids, free text and
 * paths a caller chose appear cut to a short prefix and their length — in the refusal and failure
 * lines of the error mapper, the user id every line of a request carries, and the local server's
 * request line.
 */
const HUGE = 'Z'.repeat(10_240);
const LONGEST_ID = '😀'.repeat(128);

/** Everything handed to the logger while `work` runs, as one string per call. */
async function logged(work: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      const plain = (_: string, value: unknown) => (value instanceof Error ? { message: value.message, stack: value.stack } : value);
      lines.push(`${name} ${JSON.stringify(args, plain)}`);
    };
  for (const method of ['debug', 'info', 'warn', 'error'] as const) vi.spyOn(logger, method).mockImplementation(record(method));
  vi.spyOn(logger, 'appendKeys').mockImplementation(record('appendKeys'));
  await work();
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('clipForLog', () => {
  it('keeps short values, cuts long ones to a prefix and their length in characters', () => {
    expect(clipForLog('bob')).toBe('bob');
    expect(clipForLog('x'.repeat(LOG_VALUE_MAX_CHARS))).toBe('x'.repeat(LOG_VALUE_MAX_CHARS));
    expect(clipForLog(HUGE)).toBe(`${'Z'.repeat(LOG_VALUE_MAX_CHARS)}…(10240 chars)`);
    expect(clipForLog(LONGEST_ID)).toBe(`${'😀'.repeat(LOG_VALUE_MAX_CHARS)}…(128 chars)`);
  });

  it("clips an error's message, in the stack too", () => {
    const error = loggableError(new Error(`bad ${HUGE}`));
    expect(error.message.length).toBeLessThan(120);
    expect(error.stack).not.toContain('Z'.repeat(200));
    expect(error.stack).toContain('(10244 chars)');
  });
});

describe('what the handlers log', () => {
  it('a 10 KB sub: the refusal is logged without it', async () => {
    const lines = await logged(async () => expect((await call(S.all, { as: claimsFor(HUGE) })).status).toBe(401));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain('Z'.repeat(LOG_VALUE_MAX_CHARS + 1));
  });

  it('the longest valid ids: the user id key and a refusal quoting an id carry a prefix only', async () => {
    await users(LONGEST_ID);
    const unknown = '🙈'.repeat(128);
    const lines = await logged(async () => {
      expect((await call(S.invite, { as: LONGEST_ID, body: { friendId: unknown, message: 'm' } })).status).toBe(404);
    });
    expect(lines.some((line) => line.startsWith('appendKeys') && line.includes('(128 chars)'))).toBe(true);
    expect(lines.some((line) => line.startsWith('info') && line.includes('request refused'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain(LONGEST_ID);
      expect(line).not.toContain(unknown);
    }
  });

  it('an internal failure whose message quotes a huge value: logged clipped, answered 500 without it', async () => {
    await users('lh-me');
    const lines = await logged(() =>
      wrapSend(
        async () => {
          throw new Error(`ValidationException: key ${HUGE} too large`);
        },
        async () => {
          const out = await call(S.all, { as: 'lh-me' });
          expect(out.status).toBe(500);
          expect(JSON.stringify(out.body)).not.toContain('ZZZZ');
        },
      ),
    );
    expect(lines.filter((line) => line.startsWith('error'))).toEqual([expect.stringContaining('(10275 chars)')]);
    // A message keeps a longer prefix than a bare value (it says what failed), still far from whole.
    for (const line of lines) expect(line).not.toContain('Z'.repeat(100));
  });
});

describe("the local server's request line", () => {
  it('cuts a huge path', async () => {
    const lines: string[] = [];
    const server = await startLocalServer({ routes, port: 0, log: (line) => lines.push(line) });
    try {
      const token = localToken('lh-http');
      await fetch(`${server.url}/user/${HUGE}`, { headers: { authorization: `Bearer ${token}` } });
    } finally {
      await server.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(200);
    expect(lines[0]).toContain('chars)');
  });
});
