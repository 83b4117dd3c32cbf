import { createHash } from 'node:crypto';
import type { DomainEvent } from '../events/catalogue.js';

/**
 * Tencent IM third-party callbacks built from domain events (docs/events-and-callbacks.md): the
 * bodies of `Sns.CallbackFriendAdd`, `Sns.CallbackFriendDelete`, `Sns.CallbackBlackListAdd` and
 * `Sns.CallbackBlackListDelete` as Tencent's callback docs show them, and the URL they are POSTed to.
 */
export const CALLBACK_COMMANDS = {
  friendAdd: 'Sns.CallbackFriendAdd',
  friendDelete: 'Sns.CallbackFriendDelete',
  blackListAdd: 'Sns.CallbackBlackListAdd',
  blackListDelete: 'Sns.CallbackBlackListDelete',
} as const;
export type CallbackCommand = (typeof CALLBACK_COMMANDS)[keyof typeof CALLBACK_COMMANDS];

/** One callback to deliver: built once from its event, so every attempt sends the identical body. */
export interface TencentCallback {
  /** The domain event it reports (for logs and dead letters). */
  eventId: string;
  command: CallbackCommand;
  body: Record<string, unknown>;
}

/**
 * Tencent's `OptPlatform` for a change made through this service's REST APIs, and the `ClientIP` we
 * send: the caller's address is not part of the change, so the unspecified address stands for it.
 */
export const OPT_PLATFORM = 'RESTAPI';
export const CLIENT_IP = '0.0.0.0';

const pair = (from: string, to: string) => ({ From_Account: from, To_Account: to });

/** The callback an event gives, if any (friend requests, profile changes and the deletion itself give none). */
export function callbackOf(event: DomainEvent): TencentCallback | undefined {
  const make = (command: CallbackCommand, fields: Record<string, unknown>): TencentCallback => ({
    eventId: event.id,
    command,
    body: { CallbackCommand: command, ...fields, EventTime: event.time },
  });
  switch (event.type) {
    case 'FriendAdded': {
      const { from, to, initiator, via } = event.data;
      return make(CALLBACK_COMMANDS.friendAdd, {
        PairList: [
          { ...pair(from, to), Initiator_Account: initiator },
          { ...pair(to, from), Initiator_Account: initiator },
        ],
        ClientCmd: via === 'accept' ? 'friend_response' : 'friend_add',
        Admin_Account: '',
        ForceFlag: 0,
      });
    }
    case 'FriendDeleted':
      return make(CALLBACK_COMMANDS.friendDelete, { PairList: event.data.friends.map((friend) => pair(event.data.from, friend)) });
    case 'Blocked':
      return make(CALLBACK_COMMANDS.blackListAdd, { PairList: [pair(event.data.from, event.data.to)] });
    case 'Unblocked':
      return make(CALLBACK_COMMANDS.blackListDelete, { PairList: [pair(event.data.from, event.data.to)] });
    default:
      return undefined;
  }
}

/** Tencent's callback authentication: lower-case hex SHA-256 of the token followed by `RequestTime`. */
export function callbackSign(token: string, requestTime: number): string {
  return createHash('sha256').update(`${token}${requestTime}`).digest('hex');
}

export interface CallbackTarget {
  /** The app server's callback URL. */
  url: string;
  sdkAppId: number;
  /** The callback token; without one, no `RequestTime`/`Sign` is sent. */
  token?: string;
  /** How long one attempt may take. */
  timeoutMs: number;
}

/** The URL of one delivery attempt: Tencent's parameters, signed with that attempt's `RequestTime` (seconds) when a token is set. */
export function callbackUrl(target: CallbackTarget, command: CallbackCommand, nowMs: number): string {
  const url = new URL(target.url);
  url.searchParams.set('SdkAppid', String(target.sdkAppId));
  url.searchParams.set('CallbackCommand', command);
  url.searchParams.set('contenttype', 'json');
  url.searchParams.set('ClientIP', CLIENT_IP);
  url.searchParams.set('OptPlatform', OPT_PLATFORM);
  if (target.token !== undefined) {
    const requestTime = Math.floor(nowMs / 1000);
    url.searchParams.set('RequestTime', String(requestTime));
    url.searchParams.set('Sign', callbackSign(target.token, requestTime));
  }
  return url.toString();
}
