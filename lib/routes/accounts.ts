import { accountDeleteBody, accountDeleteResult } from '../schemas/accounts.js';
import { defineRoute } from './route.js';
import { tencent } from './tencent.js';

/** Tencent account management (docs/account-deletion.md): account_delete. */
export const accountRoutes = {
  deleteAccount: defineRoute({
    ...tencent,
    path: '/v4/im_open_login_svc/account_delete',
    handler: 'tencent/account-delete',
    access: 'write',
    summary: 'Delete 1–100 accounts: at once unknown, their phone and stAccount free; every trace of them goes on the change stream',
    body: accountDeleteBody,
    response: accountDeleteResult,
  }),
};
