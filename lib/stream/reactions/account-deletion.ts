import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { continueCleanup, firstCleanupJob, type CleanupJob, type CleanupStep } from '../../usecases/account-cleanup.js';
import { ACCOUNT_DELETION_SK, idFromSk, USER_PROFILE_SK, userPk } from '../../store/keys.js';
import type { StreamReaction } from '../reaction.js';

/** The two records this reaction runs on: a user record's REMOVE (an account deleted), and a clean-up page's REMOVE. */
const WANTED_SORT_KEYS = [USER_PROFILE_SK, ACCOUNT_DELETION_SK];
const STEPS: readonly CleanupStep[] = ['groups', 'creatorCards', 'own', 'marks'];

const imageOf = (image: Record<string, unknown> | undefined) => unmarshall((image ?? {}) as Record<string, AttributeValue>);

/** The page a record asks for: the first one for a deleted user record, else the one its page item carried. */
function jobOf(record: DynamoDBRecord): CleanupJob {
  const key = imageOf(record.dynamodb?.Keys);
  const old = imageOf(record.dynamodb?.OldImage);
  if (key.sk === USER_PROFILE_SK) {
    // the phone comes from the old image; without one (a stream without old images), from the edges' cards alone
    return firstCleanupJob(idFromSk(String(key.pk), userPk('')), typeof old.phone === 'string' ? old.phone : '');
  }
  const { pk: _pk, sk: _sk, type: _type, ...job } = old;
  const valid =
    typeof job.userId === 'string' &&
    typeof job.phone === 'string' &&
    STEPS.includes(job.step as CleanupStep) &&
    typeof job.page === 'number';
  if (!valid) {
    throw new Error('account clean-up page record without its job (the stream must carry old images)');
  }
  return job as unknown as CleanupJob;
}

/**
 * Account deletion's clean-up (docs/account-deletion.md): a user record's REMOVE starts it, and
 * each page hands the next to the stream as the REMOVE of a page item, so it wakes only for those.
 */
export const accountDeletionReaction: StreamReaction = {
  name: 'account-deletion',
  filterPattern: { eventName: ['REMOVE'], dynamodb: { Keys: { sk: { S: WANTED_SORT_KEYS } } } },
  wants: (record) => record.eventName === 'REMOVE' && WANTED_SORT_KEYS.includes(record.dynamodb?.Keys?.sk?.S ?? ''),
  apply: (record) => continueCleanup(jobOf(record)),
};
