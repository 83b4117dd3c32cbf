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

/** User ids are strings in every dialect (docs/behaviour.md#contact-list-featapi): printable, 1–128 characters. */
export const userId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .refine((value) => !hasControlCharacters(value), 'must not contain control characters')
  .refine(isWellFormedUnicode, 'must be valid Unicode text (no lone surrogates)');

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

export function hasControlCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
