import { callbackUrl, type CallbackTarget, type TencentCallback } from './tencent.js';

export type DeliveryOutcome = { ok: true } | { ok: false; reason: string };

/**
 * One delivery attempt: POST the callback's body (the same bytes on every attempt) to the app server,
 * with this attempt's `RequestTime` and `Sign`. Delivered only on a 2xx whose body is
 * `{"ActionStatus":"OK","ErrorCode":0,…}`; a network error, a timeout, any other status or body is a
 * failed attempt (docs/events-and-callbacks.md). Never throws.
 */
export async function deliverCallback(callback: TencentCallback, target: CallbackTarget, now = Date.now()): Promise<DeliveryOutcome> {
  let response: Response;
  try {
    response = await fetch(callbackUrl(target, callback.command, now), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(callback.body),
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    return { ok: false, reason: name === 'TimeoutError' ? `no answer within ${target.timeoutMs} ms` : `network error: ${String(error)}` };
  }
  const text = await response.text().catch(() => '');
  if (response.status < 200 || response.status > 299) return { ok: false, reason: `HTTP ${response.status}` };
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return { ok: false, reason: `HTTP ${response.status} with a body that is not JSON` };
  }
  const { ActionStatus, ErrorCode } = (answer ?? {}) as { ActionStatus?: unknown; ErrorCode?: unknown };
  if (ActionStatus === 'OK' && ErrorCode === 0) return { ok: true };
  return { ok: false, reason: `answered ActionStatus ${String(ActionStatus)}, ErrorCode ${String(ErrorCode)}` };
}
