import {
  AlreadyFriendsError,
  ConcurrentUpdateError,
  ConversationRuleError,
  DomainError,
  ForbiddenError,
  InvalidCursorError,
  InvalidInputError,
  JsonParseError,
  NotFoundError,
  NotFriendError,
  TemporarilyBlockedError,
  UnauthenticatedError,
  UniqueValueTakenError,
  UnknownUserError,
} from '../errors.js';
import type { Dialect } from '../routes/route.js';

/**
 * The one place where a domain error becomes a dialect's wire format.
 * - SealTalk: HTTP status = code, body `{code, message}`.
 * - FeatAPI: HTTP status, body `{detail}` (FeatAPI's common error format).
 * - Tencent: HTTP 200 always, body `{ActionStatus:"FAIL", ErrorCode, ErrorInfo, ErrorDisplay}`.
 */
export interface WireError {
  httpStatus: number;
  /** Tencent ErrorCode. */
  timCode: number;
  /** FeatAPI's fixed texts, where it has one for the status. */
  featDetail?: string;
}

type ErrorClass = abstract new (...args: never[]) => DomainError;

const byClass: ReadonlyArray<[ErrorClass, (e: DomainError) => WireError]> = [
  [JsonParseError, () => ({ httpStatus: 400, timCode: 60003 })],
  [InvalidInputError, () => ({ httpStatus: 400, timCode: 50002 })],
  [UnauthenticatedError, (e) => ({ httpStatus: 401, timCode: (e as UnauthenticatedError).timCode })],
  [ForbiddenError, () => ({ httpStatus: 403, timCode: 50003 })],
  [NotFriendError, () => ({ httpStatus: 403, timCode: 50002 })],
  [UnknownUserError, () => ({ httpStatus: 404, timCode: 50001, featDetail: 'Not found.' })],
  [NotFoundError, () => ({ httpStatus: 404, timCode: 50002, featDetail: 'Not found.' })],
  [AlreadyFriendsError, () => ({ httpStatus: 400, timCode: 50002 })],
  [UniqueValueTakenError, () => ({ httpStatus: 409, timCode: 50002 })],
  [TemporarilyBlockedError, () => ({ httpStatus: 400, timCode: 50002 })],
  [ConcurrentUpdateError, () => ({ httpStatus: 409, timCode: 50004 })],
  [ConversationRuleError, (e) => ({ httpStatus: 400, timCode: (e as ConversationRuleError).code })],
  [InvalidCursorError, () => ({ httpStatus: 404, timCode: 50002 })],
];

const INTERNAL: WireError = { httpStatus: 500, timCode: 50004 };

export function wireErrorOf(error: unknown): WireError & { message: string } {
  if (error instanceof DomainError) {
    for (const [cls, map] of byClass) if (error instanceof cls) return { ...map(error), message: error.message };
  }
  return { ...INTERNAL, message: 'Internal server error, please retry.' };
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function json(statusCode: number, body: unknown): HttpResponse {
  return { statusCode, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export function errorResponse(dialect: Dialect, error: unknown): HttpResponse {
  const wire = wireErrorOf(error);
  switch (dialect) {
    case 'sealtalk':
      return json(wire.httpStatus, { code: wire.httpStatus, message: wire.message });
    case 'featapi':
      return json(wire.httpStatus, { detail: wire.featDetail ?? wire.message });
    case 'tencent':
      return json(200, { ActionStatus: 'FAIL', ErrorCode: wire.timCode, ErrorInfo: wire.message, ErrorDisplay: '' });
  }
}

/** Success envelopes. `payload` is SealTalk's `result`, FeatAPI's `data`, or Tencent's extra fields. */
export function successResponse(dialect: Dialect, payload: unknown): HttpResponse {
  switch (dialect) {
    case 'sealtalk':
      return json(200, payload === undefined ? { code: 200 } : { code: 200, result: payload });
    case 'featapi':
      return json(200, { data: payload });
    case 'tencent':
      return json(200, { ...(payload as object | undefined), ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
  }
}
