import { deleteUserRecord } from '../store/account-deletion.js';
import { forEachLimited } from '../concurrency.js';
import { forgetCaller } from './register-caller.js';

/** Tencent's result of an account that does not exist. */
const ACCOUNT_NOT_FOUND = { ResultCode: 70107, ResultInfo: 'Err_TLS_PT_Open_Login_Account_Not_Exist' } as const;
const DELETED = { ResultCode: 0, ResultInfo: '' } as const;

/** Deletions in flight at once within one call. */
const LANES = 10;

/**
 * account_delete (docs/account-deletion.md). Input: 1–100 user ids (the schema). Steps: per distinct
 * id, delete the user record with its phone and stAccount claims in one transaction (the account
 * is unknown from then on and its claims are free), and forget it in this container so the id
 * registers again on its next call here. The change stream removes everything else that names
 * them. Output: `ResultItem` per id in the request's order, 70107 for an account that does not
 * exist (a repeated id gets the result of its one deletion).
 */
export async function deleteAccounts(userIds: readonly string[]) {
  const deleted = new Map<string, boolean>();
  await forEachLimited([...new Set(userIds)], LANES, async (userId) => {
    deleted.set(userId, await deleteUserRecord(userId));
    forgetCaller(userId);
  });
  return { ResultItem: userIds.map((UserID) => ({ ...(deleted.get(UserID) ? DELETED : ACCOUNT_NOT_FOUND), UserID })) };
}
