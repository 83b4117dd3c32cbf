import * as z from 'zod';

/** Length in characters (code points), as users count them, not UTF-16 units. */
export const charCount = (value: string) => [...value].length;

export function text(min: number, max: number) {
  return z
    .string()
    .refine(isStorableText, { message: STORABLE_TEXT_MESSAGE, abort: true })
    .refine((value) => charCount(value) >= min, { message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` })
    .refine((value) => charCount(value) <= max, { message: `must be at most ${max} characters` });
}

/** Byte length in UTF-8 (Tencent counts names and marks in bytes). */
export const byteCount = (value: string) => Buffer.byteLength(value, 'utf8');

/** The most characters (code points) a user id may have. */
export const USER_ID_MAX_CHARS = 128;

/**
 * THE user-id rule, for every id that comes from outside — body and path ids, FeatAPI and Tencent
 * account fields, and the caller's own JWT `sub` (`lib/http/identity.ts`): 1–128 printable
 * characters, counted as code points, in well-formed Unicode. Control characters (C0, DEL, C1) and
 * line or paragraph separators are refused. The longest id is 512 bytes in UTF-8, which every key
 * built from it stays within (`test/store/key-limits.test.ts`); `docs/identity-and-privacy.md`.
 */
export const userId = z
  .string({ error: 'must be a string' })
  .refine((value) => value !== '', { message: 'must not be empty', abort: true })
  .refine((value) => value.length <= USER_ID_MAX_CHARS * 2 && charCount(value) <= USER_ID_MAX_CHARS, {
    message: `must be at most ${USER_ID_MAX_CHARS} characters`,
    abort: true,
  })
  .refine(isWellFormedUnicode, { message: 'must be valid Unicode text (no lone surrogates)', abort: true })
  .refine((value) => !hasControlCharacters(value), 'must not contain control characters')
  // JSON Schema counts a string's length in code points too: the documented limits are the rule's.
  .meta({ minLength: 1, maxLength: USER_ID_MAX_CHARS });

/** Whether `value` keeps the user-id rule (for checks outside a zod schema: the JWT `sub`). */
export const isUserId = (value: unknown): value is string => userId.safeParse(value).success;

/**
 * A lone UTF-16 surrogate is not a character and has no UTF-8 form, yet JSON lets a client send one
 * (`"\ud800"`). DynamoDB keeps strings as UTF-8 (DynamoDB Local's JVM happens to keep it as sent),
 * and Tencent's byte limits could not count it: refused like any other malformed input.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormedUnicode(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** Free text (names, notes, messages): well-formed Unicode without NUL; line breaks and tabs are fine. */
export function isStorableText(value: string): boolean {
  return isWellFormedUnicode(value) && !value.includes('\u0000');
}

export const STORABLE_TEXT_MESSAGE = 'must be valid Unicode text (no lone surrogates or NUL characters)';

/** C0 controls, DEL, C1 controls, and the line and paragraph separators U+2028 / U+2029. */
const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}
