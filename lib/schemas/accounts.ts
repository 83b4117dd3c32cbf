import * as z from 'zod';
import { userId } from './common.js';

/** Tencent's account management (`v4/im_open_login_svc/*`), with Tencent's field names as they are on the wire. */

/** Accounts one `account_delete` call may delete (Tencent's limit). */
export const DELETE_ITEMS_MAX = 100;

export const accountDeleteBody = z.object({
  DeleteItem: z
    .array(z.object({ UserID: userId }), { error: 'must be a list of {UserID}' })
    .min(1, `must hold 1 to ${DELETE_ITEMS_MAX} accounts`)
    .max(DELETE_ITEMS_MAX, `must hold 1 to ${DELETE_ITEMS_MAX} accounts`),
});

export const accountDeleteResult = z.object({
  ResultItem: z
    .array(
      z.object({
        ResultCode: z.number().int().describe('0 deleted, 70107 no such account'),
        ResultInfo: z.string().describe('"" on success, Err_TLS_PT_Open_Login_Account_Not_Exist with 70107'),
        UserID: z.string(),
      }),
    )
    .describe("One per DeleteItem, in the request's order"),
});
