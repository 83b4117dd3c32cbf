/**
 * What an account deletion removes at once (docs/account-deletion.md): the user record and the
 * user's unique claims (phone, stAccount), so that the account is unknown to every call from the
 * answer on and its phone and stAccount are free. Everything else that names the user is removed
 * by the change stream (`usecases/account-cleanup.ts`), started by this record's REMOVE.
 */
import { tableName } from './client.js';
import { keys, type Key } from './keys.js';
import { withOptimisticRetry } from './retry.js';
import { writeAtomically, type TransactItem } from './transact.js';
import { getUser, userUnchanged } from './users.js';

/** Deletes a claim if the user still holds it (a missing one is fine). */
function claimDelete(key: Key, userId: string): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: key,
      ConditionExpression: 'attribute_not_exists(pk) OR userId = :me',
      ExpressionAttributeValues: { ':me': userId },
    },
  };
}

/**
 * Deletes the user record with its phone and stAccount claims, in one transaction held to the
 * record's revision as read (a concurrent set_st_account re-reads first). False when there is no
 * such user.
 */
export async function deleteUserRecord(userId: string): Promise<boolean> {
  return withOptimisticRetry(async () => {
    const user = await getUser(userId, true);
    if (!user) return false;
    const { ConditionExpression, ExpressionAttributeValues } = userUnchanged(user).ConditionCheck!;
    await writeAtomically([
      { Delete: { TableName: tableName(), Key: keys.user(userId), ConditionExpression, ExpressionAttributeValues } },
      ...(user.phone ? [claimDelete(keys.phone(user.phone), userId)] : []),
      ...(user.stAccount ? [claimDelete(keys.stAccount(user.stAccount), userId)] : []),
    ]);
    return true;
  });
}
