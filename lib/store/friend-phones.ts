/**
 * "Friend by phone" rows, `USER#<me>/FRIENDPHONE#<phone>` → `friendId`: one exists exactly while my
 * edge to the user holding that phone is agreed (20), so get_contacts_info answers `relationship` by
 * key, in the same wave as the phone claims. Only the edge builder (`store/friendships.ts` putEdge)
 * writes them, in the edge's own transaction, whose `rev` condition orders the writes; `edgeRev` is
 * the revision of the edge that wrote the row, the guard of a delete that follows outside the
 * transaction (batch_delete beyond what one transaction holds).
 *
 * A user's phone never changes (set only when the record is made), so the friend's phone is read from
 * the card the edge carries.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { FriendStatus, type FriendEdge } from '../domain/friendship.js';
import { batchGet, getFrom } from './batch.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';
import { unlessConditionFails, type TransactItem } from './transact.js';

export interface FriendPhoneRow {
  userId: string;
  friendId: string;
  /** Revision of the edge whose write put this row. */
  edgeRev: number;
}

const isAgreed = (edge: FriendEdge | undefined) => edge?.status === FriendStatus.Agreed;

/** The phone of the edge's friend ('' when they hold none). */
export const friendPhoneOf = (edge: FriendEdge): string => edge.peer.phone;

/**
 * The row write that goes with writing `edge` at revision `rev` over `read` (undefined: no edge):
 * a Put when the edge becomes agreed, a Delete when it stops being agreed, nothing otherwise or when
 * the friend holds no phone.
 */
export function friendPhoneWrite(edge: FriendEdge, read: FriendEdge | undefined, rev: number): TransactItem | undefined {
  const phone = friendPhoneOf(edge);
  if (!phone || isAgreed(edge) === isAgreed(read)) return undefined;
  const key = keys.friendPhone(edge.userId, phone);
  if (!isAgreed(edge)) return { Delete: { TableName: tableName(), Key: key } };
  const row: FriendPhoneRow = { userId: edge.userId, friendId: edge.friendId, edgeRev: rev };
  return { Put: { TableName: tableName(), Item: { ...key, type: 'FRIENDPHONE', ...row } } };
}

/** My rows for these phones (absent where I have no agreed friend holding it), in one wave of BatchGetItem. */
export async function getFriendPhones(meId: string, phones: readonly string[], consistent = false): Promise<Map<string, FriendPhoneRow>> {
  const found = await batchGet<FriendPhoneRow>(
    phones.map((phone) => keys.friendPhone(meId, phone)),
    { consistent },
  );
  const rows = new Map<string, FriendPhoneRow>();
  for (const phone of phones) {
    const row = getFrom(found, keys.friendPhone(meId, phone));
    if (row) rows.set(phone, row);
  }
  return rows;
}

/**
 * Outside a transaction: deletes my row for `phone` if an edge older than revision `edgeRev` wrote
 * it. A row put by a later agree (a newer edge revision) stays: the same ordering guard as the card
 * fan-out's.
 */
export async function dropFriendPhone(meId: string, phone: string, edgeRev: number): Promise<void> {
  await unlessConditionFails(
    db().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.friendPhone(meId, phone),
        ConditionExpression: 'edgeRev < :rev',
        ExpressionAttributeValues: { ':rev': edgeRev },
      }),
    ),
  );
}
