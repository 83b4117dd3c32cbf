import { afterEach, describe, expect, it, vi } from 'vitest';

/*
 * Per-endpoint metrics as Lambda emits them: this file plays the Lambda environment (set before
 * lib/observability.ts is first loaded, hence the dynamic imports) and reads the EMF line the
 * handler prints. `npm start` and the other test files run without it and print nothing.
 */
process.env.AWS_LAMBDA_FUNCTION_NAME = 'contactbook-test-user-get-privacy';
process.env.POWERTOOLS_SERVICE_NAME = 'contactbook-test';
const { call } = await import('../support/call.js');
const { userRoutes } = await import('../../lib/routes/user.js');
const { friendshipRoutes } = await import('../../lib/routes/friendship.js');
const { METRIC_ENDPOINT_DIMENSION, METRIC_NAMES } = await import('../../lib/observability.js');

type Emf = Record<string, unknown> & { _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> } };

/** Runs `work` and returns the EMF documents written to stdout meanwhile. */
async function emfLines(work: () => Promise<unknown>): Promise<Emf[]> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return written
    .flatMap((text) => text.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
}

afterEach(() => vi.restoreAllMocks());

describe('per-endpoint metrics in Lambda', () => {
  it('publishes count, outcome and consumed capacity of a request, by endpoint', async () => {
    const [emf, ...more] = await emfLines(() => call(userRoutes.getPrivacy, { as: 'metrics-alice' }));
    expect(more).toEqual([]);
    expect(emf!._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'Contactbook',
      Dimensions: [expect.arrayContaining(['service', METRIC_ENDPOINT_DIMENSION])],
    });
    expect(emf).toMatchObject({
      service: 'contactbook-test',
      [METRIC_ENDPOINT_DIMENSION]: 'GET /user/get_privacy',
      [METRIC_NAMES.requests]: 1,
      [METRIC_NAMES.refusals]: 0,
      [METRIC_NAMES.faults]: 0,
    });
    // The first call registers the caller (a write) and reads the privacy bit.
    expect(emf![METRIC_NAMES.dynamoCalls]).toBeGreaterThanOrEqual(2);
    expect(emf![METRIC_NAMES.writeCapacity]).toBeGreaterThan(0);
    expect(emf![METRIC_NAMES.readCapacity]).toBeGreaterThan(0);
  });

  it('counts a refused request as a refusal, not a fault', async () => {
    const [emf] = await emfLines(() => call(friendshipRoutes.agree, { as: 'metrics-bob', body: { friendId: 'nobody-asked' } }));
    expect(emf).toMatchObject({
      [METRIC_ENDPOINT_DIMENSION]: 'POST /friendship/agree',
      [METRIC_NAMES.requests]: 1,
      [METRIC_NAMES.refusals]: 1,
      [METRIC_NAMES.faults]: 0,
    });
  });
});
