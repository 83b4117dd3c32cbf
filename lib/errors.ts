/**
 * Domain errors. Code throws these; `lib/http/wire-errors.ts` is the one place that turns each
 * class into a dialect's wire format. Anything else that escapes a handler is an internal error.
 */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that fails its schema, or a rule on input (both region and phone, say). */
export class InvalidInputError extends DomainError {}

/** A body that is not JSON at all (Tencent: 60003). */
export class JsonParseError extends InvalidInputError {
  constructor() {
    super('Request body is not valid JSON.');
  }
}

/** No credential, or one that does not verify. `timCode` is Tencent's code for the failure. */
export class UnauthenticatedError extends DomainError {
  constructor(
    message: string,
    readonly timCode: TimAuthCode = 70003,
  ) {
    super(message);
  }
}

/** Tencent's common usersig and request codes (docs/behaviour.md#callers-and-credentials). */
export type TimAuthCode = 70001 | 70003 | 70009 | 70013 | 70014 | 70020 | 60012 | 60003;

/** A valid caller without the right: a missing scope, a non-admin identifier. */
export class ForbiddenError extends DomainError {}

/** A user id that names no user. */
export class UnknownUserError extends DomainError {
  constructor(readonly userId: string) {
    super(`Unknown user: ${userId}`);
  }
}

/** A relation, contact or record the caller does not have. */
export class NotFoundError extends DomainError {}

/** SealTalk answers 403 when a profile is asked of someone who is not a friend. */
export class NotFriendError extends DomainError {}

/** The two users are friends already. */
export class AlreadyFriendsError extends DomainError {
  constructor() {
    super('Already your friend.');
  }
}

/** A unique value (phone, stAccount) is held by another user. */
export class UniqueValueTakenError extends DomainError {}

/** A rule that holds for a while after an action (re-apply after reject, recall twice). */
export class TemporarilyBlockedError extends DomainError {}

/** A conditional write lost every retry to concurrent writers. */
export class ConcurrentUpdateError extends DomainError {
  constructor() {
    super('The record changed while it was being updated; please retry.');
  }
}

/** A Tencent conversation rule with its own code (51006–51012). */
export class ConversationRuleError extends DomainError {
  constructor(
    readonly code: 51006 | 51007 | 51008 | 51009 | 51010 | 51011 | 51012,
    message: string,
  ) {
    super(message);
  }
}

/** A paging cursor that was not made by us (FeatAPI answers 404 "Invalid cursor", as Django REST Framework does). */
export class InvalidCursorError extends DomainError {
  constructor() {
    super('Invalid cursor');
  }
}
