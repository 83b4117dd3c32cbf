import * as z from 'zod';

/** Length in characters (code points), as users count them, not UTF-16 units. */
export const charCount = (value: string) => [...value].length;

export function text(min: number, max: number) {
  return z
    .string()
    .refine((value) => charCount(value) >= min, { message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` })
    .refine((value) => charCount(value) <= max, { message: `must be at most ${max} characters` });
}

/** Byte length in UTF-8 (Tencent counts names and marks in bytes). */
export const byteCount = (value: string) => Buffer.byteLength(value, 'utf8');

/** User ids are strings in every dialect (SPEC §4): printable, 1–128 characters. */
export const userId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');
