/**
 * Ids that break the user-id rule (docs/identity-and-privacy.md), one of each kind, for tests that
 * hold every door to it: the JWT `sub`, body and path ids, Tencent accounts.
 */
export const BAD_USER_IDS: ReadonlyArray<[string, string]> = [
  ['300 characters', 'a'.repeat(300)],
  ['129 characters', 'b'.repeat(129)],
  ['a U+0001', 'bs-\u0001'],
  ['a NUL', 'bs-\u0000'],
  ['a DEL', 'bs-\u007f'],
  ['a C1 control (U+0085)', 'bs-\u0085'],
  ['a line separator (U+2028)', 'bs-\u2028'],
  ['a lone high surrogate', 'bs-\uD800'],
  ['a lone low surrogate', '\uDC00bs'],
  ['1,100 bytes', '😀'.repeat(275)],
  ['3,000 bytes', 'c'.repeat(3000)],
  ['10,240 bytes', 'd'.repeat(10240)],
  ['empty', ''],
];
