import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { peerCard, phoneCard, type PhoneCard, type User } from '../domain/user.js';
import { UnknownUserError } from '../errors.js';
import { batchGet, getFrom } from './batch.js';
import { db, tableName } from './client.js';
import { forEachLimited } from '../concurrency.js';
import { getItem, queryAll, withoutKeys } from './items.js';
import { idFromSk, keys, PEER_CARD_HOLDERS, userPhoneIndex, userPk, type Key } from './keys.js';
import { GSI1 } from './table-definition.js';
import { cancellationCodes, isConditionFailure, transactWrite, unlessConditionFails, type TransactItem } from './transact.js';

type UserItem = User & { pk: string; sk: string; type: 'USER'; gsi1pk?: string; gsi1sk?: string };

/**
 * The stored user record. A user holding a phone is also indexed by it on GSI1 (find-by-phone in one
 * Query); the phone is set only here, when the record is made, so the index entry never goes stale.
 */
const toItem = (user: User): UserItem => ({
  ...keys.user(user.id),
  type: 'USER',
  ...user,
  ...(user.phone ? { gsi1pk: userPhoneIndex.pk(user.phone), gsi1sk: userPhoneIndex.sk } : {}),
});

export async function getUser(userId: string, consistent = false): Promise<User | undefined> {
  const item = await getItem<UserItem>(keys.user(userId), consistent);
  return item && withoutKeys<User>(item);
}

export async function requireUser(userId: string): Promise<User> {
  const user = await getUser(userId);
  if (!user) throw new UnknownUserError(userId);
  return user;
}

/**
 * A user, the status of `viewerId`'s edge to them (undefined: no edge) and whether the user blocks
 * the viewer, in one BatchGetItem: what the viewer may see of the profile depends on them
 * (`domain/friendship.ts` viewerByEdge).
 */
export async function getUserAsSeenBy(
  viewerId: string,
  userId: string,
): Promise<{ user?: User; viewerEdgeStatus?: number; blocksViewer: boolean }> {
  const found = await batchGet<UserItem | { status: number }>([
    keys.user(userId),
    keys.friendEdge(viewerId, userId),
    keys.block(userId, viewerId),
  ]);
  const item = getFrom(found, keys.user(userId)) as UserItem | undefined;
  const edge = getFrom(found, keys.friendEdge(viewerId, userId)) as { status: number } | undefined;
  return {
    ...(item ? { user: withoutKeys<User>(item) } : {}),
    ...(edge ? { viewerEdgeStatus: edge.status } : {}),
    blocksViewer: getFrom(found, keys.block(userId, viewerId)) !== undefined,
  };
}

/** Many users in one wave of BatchGetItem. */
export async function getUsers(userIds: readonly string[]): Promise<Map<string, User>> {
  const found = await batchGet<UserItem>(userIds.map((id) => keys.user(id)));
  const users = new Map<string, User>();
  for (const id of userIds) {
    const item = getFrom(found, keys.user(id));
    if (item) users.set(id, withoutKeys<User>(item));
  }
  return users;
}

/** How `createUser` ended: made, there already, or refused because another user holds the phone. */
export type UserCreation = 'created' | 'exists' | 'phone-taken';

/** The items `createUser` writes for a new user: the record and, holding a phone, its claim (the benchmark seeds them in batches). */
export const newUserItems = (user: User): Key[] => [toItem(user), ...(user.phone ? [phoneClaimItem(user)] : [])];

/**
 * Makes the user record unless it exists, with the user's phone claim in the same transaction when
 * the user holds a phone. Writes nothing when another user holds that phone ('phone-taken').
 */
export async function createUser(user: User): Promise<UserCreation> {
  const putUser = { Put: { TableName: tableName(), Item: toItem(user), ConditionExpression: 'attribute_not_exists(pk)' } };
  try {
    if (user.phone) {
      await transactWrite([
        putUser,
        { Put: { TableName: tableName(), Item: phoneClaimItem(user), ConditionExpression: 'attribute_not_exists(pk)' } },
      ]);
    } else {
      await db().send(new PutCommand(putUser.Put));
    }
    return 'created';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'None' && codes[1] === 'ConditionalCheckFailed') return 'phone-taken';
    if (isConditionFailure(error) || codes?.[0] === 'ConditionalCheckFailed') return 'exists';
    throw error;
  }
}

/** The `PHONE#` claim of a user holding a phone: unique, and carrying the card get_contacts_info answers with. */
const phoneClaimItem = (user: User): Key & PhoneClaim & { type: 'PHONE'; region: string } => ({
  ...keys.phone(user.phone),
  type: 'PHONE',
  userId: user.id,
  region: user.region,
  card: phoneCard(user),
});

/** The update copying the user's card onto their phone claim, unless the card there is at this revision or newer. */
function claimCardUpdate(user: User) {
  const older = olderCopy('card', user.rev);
  return {
    TableName: tableName(),
    Key: keys.phone(user.phone),
    UpdateExpression: 'SET card = :card',
    ConditionExpression: `userId = :me${older.condition}`,
    ExpressionAttributeValues: { ':card': phoneCard(user), ':me': user.id, ...older.values },
  };
}

/**
 * The guard of a card copy at `path` against a newer one: the copy there carries no revision or an
 * older one than `rev` (a card without a revision guards nothing). Fan-outs of two quick changes may
 * finish in either order.
 */
function olderCopy(path: string, rev: number | undefined): { condition: string; values: Record<string, unknown> } {
  if (rev === undefined) return { condition: '', values: {} };
  return { condition: ` AND (attribute_not_exists(${path}.rev) OR ${path}.rev < :cardRev)`, values: { ':cardRev': rev } };
}

/** The condition that a user record is at the revision read (none yet: it exists without one). */
function atRevision(rev: number | undefined): { condition: string; values: Record<string, unknown> } {
  return rev === undefined
    ? { condition: 'attribute_exists(pk) AND attribute_not_exists(rev)', values: {} }
    : { condition: 'rev = :rev', values: { ':rev': rev } };
}

export type ProfileChange = Partial<Pick<User, 'nickname' | 'portraitUri' | 'gender' | 'friVerify'>>;

/**
 * Changes plain profile fields: the user record only. The copies of the card other records hold
 * follow on the change stream (`stream/reactions/profile-copies.ts`, docs/change-stream.md).
 */
export async function updateProfile(userId: string, change: ProfileChange, now: number): Promise<void> {
  const names = Object.keys(change) as Array<keyof ProfileChange>;
  await db()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.user(userId),
        UpdateExpression: `SET ${names.map((name, i) => `#f${i} = :v${i}`).join(', ')}, updatedAt = :now ADD rev :one`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
        ExpressionAttributeValues: { ...Object.fromEntries(names.map((name, i) => [`:v${i}`, change[name]])), ':now': now, ':one': 1 },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    )
    .catch((error: unknown) => {
      if (isConditionFailure(error)) throw new UnknownUserError(userId);
      throw error;
    });
}

/**
 * Saves a new stAccount (`domain/user.ts` decideStAccount) over the record as read: the new
 * claim, the release of the old one and the user update (held to the revision read) in one
 * transaction, so two users can never hold the same account. 'taken' when another user holds the
 * account. The copies of the card follow on the change stream, as for every profile change
 * (docs/change-stream.md).
 */
export async function saveStAccount(current: User, next: User): Promise<'saved' | 'taken'> {
  const userId = current.id;
  const claim = { ...keys.stAccount(next.stAccount), type: 'STACCOUNT', userId, stAccount: next.stAccount };
  const unchanged = atRevision(current.rev);
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: claim,
        ConditionExpression: 'attribute_not_exists(pk) OR userId = :me',
        ExpressionAttributeValues: { ':me': userId },
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: keys.user(userId),
        UpdateExpression: 'SET stAccount = :acc, updatedAt = :now ADD rev :one',
        ConditionExpression: `stAccount = :old AND ${unchanged.condition}`,
        ExpressionAttributeValues: {
          ':acc': next.stAccount,
          ':now': next.updatedAt,
          ':old': current.stAccount,
          ':one': 1,
          ...unchanged.values,
        },
      },
    },
    ...(current.stAccount && keys.stAccount(current.stAccount).pk !== claim.pk
      ? [
          {
            Delete: {
              TableName: tableName(),
              Key: keys.stAccount(current.stAccount),
              ConditionExpression: 'userId = :me',
              ExpressionAttributeValues: { ':me': userId },
            },
          },
        ]
      : []),
  ];
  try {
    await transactWrite(items);
    return 'saved';
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'taken';
    throw error;
  }
}

/**
 * A transaction item holding a write to the user record as it was read. Every profile change bumps
 * `rev`, so a write that copied the old card (or decided on the old `friVerify`) is cancelled and
 * re-run: the card fan-out only reaches copies that exist when it runs, so a copy written by a
 * racing transaction must not be older than the record.
 */
export function userUnchanged(user: User): TransactItem {
  const { condition, values } = atRevision(user.rev);
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.user(user.id),
      ConditionExpression: condition,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
  };
}

/**
 * The user holding a phone number, or undefined: one Query of GSI1 (the record itself, projection
 * ALL), so eventually consistent — a user made a moment ago may not be found yet.
 */
export async function findUserByPhone(phone: string): Promise<User | undefined> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: GSI1.name,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
      ExpressionAttributeValues: { ':pk': userPhoneIndex.pk(phone), ':sk': userPhoneIndex.sk },
      Limit: 1,
    }),
  );
  const item = out.Items?.[0];
  return item && withoutKeys<User>(item);
}

/** A phone claim as get_contacts_info reads it: its holder and their card. */
export interface PhoneClaim {
  userId: string;
  card: PhoneCard;
}

/** The claims of these phones (phones nobody holds are absent): one wave of BatchGetItem. */
export async function phoneClaims(phones: readonly string[]): Promise<Map<string, PhoneClaim>> {
  const found = await batchGet<PhoneClaim & Key>(phones.map((phone) => keys.phone(phone)));
  const claims = new Map<string, PhoneClaim>();
  for (const phone of phones) {
    const claim = getFrom(found, keys.phone(phone));
    if (claim) claims.set(phone, { userId: claim.userId, card: claim.card });
  }
  return claims;
}

/** Copy writes in flight per kind of holder: off the request path, so a large graph is worth more lanes (docs/change-stream.md). */
const COPIES_IN_FLIGHT = 32;

/**
 * Rewrites the copy of this user's card held by each related user (friendship edges, contacts),
 * found through the user's own side of each pair; the holders are queried in parallel. The user's
 * own phone claim holds a card too, updated alongside. Run by the change stream after each profile
 * change (`stream/reactions/profile-copies.ts`). Bumps the
 * copy's `rev` so that a concurrent friendship write conditioned on the old revision re-reads and
 * keeps the new card. A copy already at this card's revision or newer (written by a later change,
 * or by a transaction that read the newer record) is left alone: fan-outs of two quick changes
 * may finish in either order.
 */
export async function refreshPeerCards(user: User): Promise<void> {
  const card = peerCard(user);
  const older = olderCopy('peer', card.rev);
  const claim = user.phone ? unlessConditionFails(db().send(new UpdateCommand(claimCardUpdate(user)))) : undefined;
  await Promise.all([
    claim,
    ...PEER_CARD_HOLDERS.map(async (holder) => {
      const mine = await queryAll<{ sk: string }>(userPk(user.id), holder.prefix, { ProjectionExpression: 'sk' });
      await forEachLimited(mine, COPIES_IN_FLIGHT, async ({ sk }) => {
        await unlessConditionFails(
          db().send(
            new UpdateCommand({
              TableName: tableName(),
              Key: holder.reverse(user.id, idFromSk(sk, holder.prefix)),
              UpdateExpression: 'SET peer = :card ADD rev :one',
              ConditionExpression: `attribute_exists(pk)${older.condition}`,
              ExpressionAttributeValues: { ':card': card, ':one': 1, ...older.values },
            }),
          ),
        );
      });
    }),
  ]);
}
