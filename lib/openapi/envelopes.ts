import * as z from 'zod';
import type { Dialect, Route } from '../routes/route.js';

/**
 * The wire envelopes of `lib/http/wire-errors.ts` as zod schemas, for the OpenAPI document and for
 * tests that check real responses. `test/openapi` proves real handler responses match them, so
 * they cannot drift from what `wire-errors.ts` writes.
 */

/** SealTalk error: the HTTP status repeated as `code`. */
export const sealTalkError = z
  .object({
    code: z.number().int().min(400).max(599).describe('The HTTP status'),
    message: z.string(),
  })
  .meta({ title: 'SealTalkError' });

/** FeatAPI (Django REST Framework) error. */
export const featApiError = z
  .object({
    detail: z.string().describe('"Not found." for 404, else a clear text'),
  })
  .meta({ title: 'FeatApiError' });

/** Tencent failure, answered with HTTP 200 (docs/behaviour.md#callers-and-credentials, #marks-and-groups-tencent-im). */
export const timError = z
  .object({
    ActionStatus: z.literal('FAIL'),
    ErrorCode: z
      .number()
      .int()
      .refine((code) => code !== 0, 'a failure has a non-zero code')
      .describe(
        '60003 JSON parse error, 60012 SDKAppID missing, 70001 UserSig expired, 70003 UserSig cannot be parsed, ' +
          '70009 UserSig verification failed, 70013 identifier does not match the UserSig, 70014 SDKAppID does not match ' +
          'the UserSig, 70020 SDKAppID not found, 50001 unknown account, 50002 invalid request, 50003 requires App admin, ' +
          '50004 internal error, 51006–51012 conversation group and mark limits',
      ),
    ErrorInfo: z.string(),
    ErrorDisplay: z.string(),
  })
  .meta({ title: 'TencentError' });

const timOk = z.object({
  ActionStatus: z.literal('OK'),
  ErrorCode: z.literal(0),
  ErrorInfo: z.literal(''),
  ErrorDisplay: z.literal(''),
});

export const errorEnvelopes: Record<Dialect, z.ZodObject> = { sealtalk: sealTalkError, featapi: featApiError, tencent: timError };

/**
 * The body of a route's successful answer: SealTalk `{code: 200, result}` (no `result` when the
 * route returns nothing), FeatAPI `{data}`, Tencent the route's fields beside `ActionStatus: "OK"`.
 */
export function successEnvelope(route: Pick<Route, 'dialect' | 'response'>): z.ZodType {
  const { response } = route;
  switch (route.dialect) {
    case 'sealtalk':
      return response ? z.object({ code: z.literal(200), result: response }) : z.object({ code: z.literal(200) });
    case 'featapi':
      return response ? z.object({ data: response }) : z.object({});
    case 'tencent':
      if (!response) return timOk;
      if (response instanceof z.ZodObject) return timOk.extend(response.shape);
      throw new Error('a Tencent route response must be an object schema: its fields sit beside ActionStatus');
  }
}
