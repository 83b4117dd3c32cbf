import { peerCard, type User } from '../../lib/domain/user.js';
import { blockedContactsIndex, contactIndex, keys, recentContactsIndex } from '../../lib/store/keys.js';
import { tableName } from '../../lib/store/client.js';
import { bare } from './bare.js';

/**
 * Items as the bare baseline writes them: the same attributes the handlers store, built inline
 * (no domain rules, no pipeline), so both sides move the same bytes.
 */
type Item = Record<string, unknown>;

export const cardOf = (user: Item | undefined) => peerCard(user as unknown as User);

export function edgeItem(me: string, friend: string, status: number, peer: Item | undefined, rev: number, message = ''): Item {
  return {
    ...keys.friendEdge(me, friend),
    type: 'FRIEND',
    userId: me,
    friendId: friend,
    status,
    displayName: '',
    message,
    region: '',
    phone: '',
    description: '',
    imageUri: '',
    updatedAt: Date.now(),
    rev,
    peer: cardOf(peer),
  };
}

/** A Put of an edge conditioned on the revision read (or absence), as every friendship write is. */
export function putEdgeItem(item: Item, readRev: number | undefined) {
  return {
    Put: {
      TableName: tableName(),
      Item: item,
      ...(readRev === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': readRev } }),
    },
  };
}

export function newContactPut(owner: string, peerId: string, id: number, peer: Item | undefined, unread = 0) {
  const now = Date.now();
  return {
    Put: {
      TableName: tableName(),
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: {
        ...keys.contact(owner, 'user', peerId),
        type: 'CONTACT',
        ownerId: owner,
        kind: 'user',
        peerId,
        id,
        unreadCount: unread,
        contactTime: now,
        area: 'inbox',
        peer: cardOf(peer),
        createdAt: now,
        gsi1pk: contactIndex.pk(owner, 'inbox'),
        gsi1sk: contactIndex.sk(now, 'user', peerId),
        gsi3pk: recentContactsIndex.pk(owner, false),
      },
    },
  };
}

/** The reverse row written with a new user contact (`lib/store/contacts.ts`), so the peer's account deletion finds it. */
export function contactedByPut(owner: string, peerId: string) {
  return {
    Put: { TableName: tableName(), Item: { ...keys.contactedBy(peerId, owner), type: 'CONTACTEDBY', userId: peerId, ownerId: owner } },
  };
}

/** An activity touch of an existing user contact: time, listing, peer card, optional unread. */
export function touchContactUpdate(owner: string, peerId: string, area: string, peer: Item | undefined, addUnread = 0) {
  const now = Date.now();
  return {
    Update: {
      TableName: tableName(),
      Key: keys.contact(owner, 'user', peerId),
      UpdateExpression: `SET peer = :peer, contactTime = :t, gsi1pk = :gpk, gsi1sk = :gsk, gsi3pk = :rpk REMOVE #hidden${addUnread ? ' ADD unreadCount :n' : ''}`,
      ConditionExpression: 'attribute_exists(pk) AND #area = :area AND attribute_not_exists(#pinned)',
      ExpressionAttributeNames: { '#area': 'area', '#hidden': 'hidden', '#pinned': 'pinned' },
      ExpressionAttributeValues: {
        ':peer': cardOf(peer),
        ':t': now,
        ':gpk': contactIndex.pk(owner, area),
        ':gsk': contactIndex.sk(now, 'user', peerId),
        ':area': area,
        ':rpk': recentContactsIndex.pk(owner, false),
        ...(addUnread ? { ':n': addUnread } : {}),
      },
    },
  };
}

/** `count` fresh ids from the contact-id counter: one atomic ADD. */
export async function allocate(count: number): Promise<number> {
  const out = await bare.update({
    Key: keys.counter('featapi-contact'),
    UpdateExpression: 'SET #type = :type ADD #value :n',
    ExpressionAttributeNames: { '#type': 'type', '#value': 'value' },
    ExpressionAttributeValues: { ':type': 'COUNTER', ':n': count },
    ReturnValues: 'UPDATED_NEW',
  });
  return Number(out.Attributes?.value) - count + 1;
}

export const find = (items: Item[], key: { pk: string; sk: string }) => items.find((item) => item.pk === key.pk && item.sk === key.sk);

/** The status facts of an edge a user contact copies (`lib/store/contact-relation.ts`). */
export const edgeCopy = (status: number, rev: number): Item => ({ status, rev });

/** A contact Put carrying the relation copy (`myEdge`). */
export function withEdgeCopy(put: ReturnType<typeof newContactPut>, myEdge: Item) {
  return { Put: { ...put.Put, Item: { ...put.Put.Item, myEdge } } };
}

/** A contact touch that also writes the relation copy: `myEdge`, and with an unblock `REMOVE blockedByMe, gsi2pk`. */
export function touchWithEdgeCopy(touch: ReturnType<typeof touchContactUpdate>, myEdge: Item, unblocked = false) {
  const { UpdateExpression, ExpressionAttributeValues } = touch.Update;
  return {
    Update: {
      ...touch.Update,
      UpdateExpression: UpdateExpression.replace(
        ' REMOVE #hidden',
        `, myEdge = :myEdge REMOVE #hidden${unblocked ? ', blockedByMe, gsi2pk' : ''}`,
      ),
      ExpressionAttributeValues: { ...ExpressionAttributeValues, ':myEdge': myEdge },
    },
  };
}

/** The relation copy alone, on an existing contact (an edge write that touches nothing else of it). */
export function edgeCopyUpdate(owner: string, peerId: string, myEdge: Item) {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.contact(owner, 'user', peerId),
      UpdateExpression: 'SET myEdge = :myEdge',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':myEdge': myEdge },
    },
  };
}

/** A contact Put of a user I block: the copy `blockedByMe` and its GSI2 (black_list) key. */
export function blockedContactPut(put: ReturnType<typeof newContactPut>) {
  const owner = put.Put.Item.ownerId;
  return { Put: { ...put.Put, Item: { ...put.Put.Item, blockedByMe: true, gsi2pk: blockedContactsIndex.pk(owner) } } };
}

/** The check that a user's record is as read (its `rev`, or none yet): the copied card is current. */
export function userRevCheck(user: Item | undefined) {
  const id = user?.id as string;
  const rev = user?.rev as number | undefined;
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.user(id),
      ...(rev === undefined
        ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(rev)' }
        : { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': rev } }),
    },
  };
}

/** My friend-by-phone row, put when my edge to the holder of `phone` becomes agreed (`lib/store/friend-phones.ts`). */
export function friendPhonePut(me: string, friendId: string, phone: string, edgeRev: number) {
  return { Put: { TableName: tableName(), Item: { ...keys.friendPhone(me, phone), type: 'FRIENDPHONE', userId: me, friendId, edgeRev } } };
}

/** The row's Delete, when my edge stops being agreed. */
export function friendPhoneDelete(me: string, phone: string) {
  return { Delete: { TableName: tableName(), Key: keys.friendPhone(me, phone) } };
}
