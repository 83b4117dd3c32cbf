/**
 * Defaults of every Tencent `v4/*` route: POST, the app admin's
 * usersig in the query string, Tencent's envelope (HTTP 200 always).
 */
export const tencent = { method: 'POST', dialect: 'tencent', auth: 'usersig', scopes: [] } as const;
