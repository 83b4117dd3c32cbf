import TLSSigAPIv2 from 'tls-sig-api-v2';
import { LOCAL_DEFAULTS } from '../../lib/config.js';
import type { Route } from '../../lib/routes/route.js';
import { call, type CallResult } from './call.js';

/** The local Tencent app (the defaults of docs/behaviour.md#callers-and-credentials); tests sign with Tencent's own `tls-sig-api-v2`. */
export const TIM = {
  sdkAppId: Number(LOCAL_DEFAULTS.TIM_SDKAPPID),
  key: LOCAL_DEFAULTS.TIM_SECRET_KEY,
  admin: LOCAL_DEFAULTS.TIM_ADMIN,
} as const;

/**
 * A usersig made exactly as Tencent's server SDK makes it; `time` (seconds) dates it as a signer whose
 * clock shows that time would (the SDK reads the clock itself, so the clock is set for the call).
 */
export function usersig(
  identifier: string = TIM.admin,
  options: { key?: string; sdkAppId?: number; ttl?: number; time?: number } = {},
): string {
  const api = new TLSSigAPIv2.Api(options.sdkAppId ?? TIM.sdkAppId, options.key ?? TIM.key);
  if (options.time === undefined) return api.genSig(identifier, options.ttl ?? 86400);
  const clock = Date.now;
  Date.now = () => options.time! * 1000;
  try {
    return api.genSig(identifier, options.ttl ?? 86400);
  } finally {
    Date.now = clock;
  }
}

/** The query string of a Tencent REST call; `override` replaces or (with undefined) drops parameters. */
export function timQuery(override: Record<string, string | undefined> = {}): string {
  const params: Record<string, string | undefined> = {
    sdkappid: String(TIM.sdkAppId),
    identifier: TIM.admin,
    usersig: usersig(override.identifier ?? TIM.admin),
    random: String(Math.floor(Math.random() * 4294967295)),
    contenttype: 'json',
    ...override,
  };
  const defined = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return new URLSearchParams(defined).toString();
}

/** Calls a Tencent route's handler as the app admin (or with the query parameters given). */
export async function callTim<T = any>(
  route: Route,
  body: unknown,
  query: Record<string, string | undefined> = {},
): Promise<CallResult<T>> {
  return call<T>(route, { body, query: timQuery(query) });
}
