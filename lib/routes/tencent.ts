/**
 * Defaults of every Tencent `v4/*` route: POST, the app admin's usersig in the query string,
 * Tencent's envelope (HTTP 200 always). docs/behaviour.md#callers-and-credentials, #marks-and-groups-tencent-im,
 * #recent-contact-list-tencent-im.
 */
export const tencent = { method: 'POST', dialect: 'tencent', auth: 'usersig', scopes: [] } as const;
