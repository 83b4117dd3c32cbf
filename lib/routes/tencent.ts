/**
 * Defaults of every Tencent `v4/recentcontact/*` route (SPEC §1, §5, §7): POST, the app admin's
 * usersig in the query string, Tencent's envelope (HTTP 200 always).
 */
export const tencent = { method: 'POST', dialect: 'tencent', auth: 'usersig', scopes: [] } as const;
