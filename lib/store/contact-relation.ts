/**
 * The relation facts a user contact keeps (ContactRecord `myEdge`, `blockedByMe`, and `gsi2pk` while
 * I block the peer), so that a contact's FeatAPI status — and the black list, one GSI2 Query — need
 * no read of the edge or the blacklist entry.
 *
 * Rules every writer of an edge or blacklist entry keeps:
 * - Writing the edge `owner → peer` sets `myEdge` on the owner's contact of the peer in the SAME
 *   transaction; adding or deleting the blacklist entry sets / removes `blockedByMe` and `gsi2pk`
 *   there. Each fact is written only with its source, whose own conditions order the writes.
 * - The contact's existence is known (read consistently with the other state, or conditioned): an
 *   existing one gets an Update conditioned on existing (hidden ones included); a missing one a
 *   ConditionCheck that it is still missing — a contact is never created by a fact copy.
 * - A contact created in a transaction carries all the facts, and the transaction holds every source
 *   it does not write to the state that was read (`relationGuards`).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { revisionAfter, type EdgeFacts, type FriendEdge } from '../domain/friendship.js';
import { edgeFactsOf } from '../domain/relation.js';
import { db, tableName } from './client.js';
import { blockedContactsIndex, keys, type Key } from './keys.js';
import { unlessConditionFails, type TransactItem } from './transact.js';

/**
 * One direction `owner → peer` of a relation write: the edge and the blacklist entry as read, and
 * what the transaction writes to them.
 */
export interface RelationSide {
  ownerId: string;
  peerId: string;
  /** The edge as read (undefined: none). */
  edge: FriendEdge | undefined;
  /** The edge as this transaction writes it (conditioned on the read revision). */
  newEdge?: FriendEdge;
  /** The blacklist entry existed when read. */
  blocked: boolean;
  /** The entry as this transaction leaves it (written or deleted); undefined: untouched. */
  newBlocked?: boolean;
}

/** A change of the copied facts; undefined fields are untouched. `edge: null`: no edge. */
export interface RelationCopy {
  edge?: EdgeFacts | null;
  blocked?: boolean;
}

/** What the transaction changes in the copy of an existing contact. */
export function relationChange(side: RelationSide): RelationCopy {
  return {
    ...(side.newEdge ? { edge: edgeFactsOf(side.newEdge, revisionAfter(side.edge)) } : {}),
    ...(side.newBlocked !== undefined ? { blocked: side.newBlocked } : {}),
  };
}

/** The whole copy after the transaction, for a contact it creates. */
export function relationAfter(side: RelationSide): Required<RelationCopy> {
  const edge = side.newEdge
    ? edgeFactsOf(side.newEdge, revisionAfter(side.edge))
    : side.edge
      ? edgeFactsOf(side.edge, side.edge.rev)
      : null;
  return { edge, blocked: side.newBlocked ?? side.blocked };
}

export const changesCopy = (copy: RelationCopy) => copy.edge !== undefined || copy.blocked !== undefined;

/** Attributes of a created user contact holding these facts. */
export function relationAttributes(ownerId: string, copy: Required<RelationCopy>): Record<string, unknown> {
  return {
    ...(copy.edge ? { myEdge: copy.edge } : {}),
    ...(copy.blocked ? { blockedByMe: true, gsi2pk: blockedContactsIndex.pk(ownerId) } : {}),
  };
}

/** Update-expression parts writing a change of the facts (placeholders `:myEdge`, `:blocked`, `:gsi2pk`). */
export function relationUpdateParts(
  ownerId: string,
  copy: RelationCopy,
): { set: string[]; remove: string[]; values: Record<string, unknown> } {
  const set: string[] = [];
  const remove: string[] = [];
  const values: Record<string, unknown> = {};
  if (copy.edge) {
    set.push('myEdge = :myEdge');
    values[':myEdge'] = copy.edge;
  } else if (copy.edge === null) {
    remove.push('myEdge');
  }
  if (copy.blocked) {
    set.push('blockedByMe = :blocked', 'gsi2pk = :gsi2pk');
    values[':blocked'] = true;
    values[':gsi2pk'] = blockedContactsIndex.pk(ownerId);
  } else if (copy.blocked === false) {
    remove.push('blockedByMe', 'gsi2pk');
  }
  return { set, remove, values };
}

const userContactKey = (side: Pick<RelationSide, 'ownerId' | 'peerId'>): Key => keys.contact(side.ownerId, 'user', side.peerId);

/**
 * The item copying a side's change onto the owner's contact, which exists (hidden or not: an Update
 * conditioned on existing) or not (a check that it is still missing). None when nothing changes.
 */
export function relationCopyItems(side: RelationSide, contactExists: boolean): TransactItem[] {
  const copy = relationChange(side);
  if (!changesCopy(copy)) return [];
  if (!contactExists) {
    return [{ ConditionCheck: { TableName: tableName(), Key: userContactKey(side), ConditionExpression: 'attribute_not_exists(pk)' } }];
  }
  const { set, remove, values } = relationUpdateParts(side.ownerId, copy);
  return [
    {
      Update: {
        TableName: tableName(),
        Key: userContactKey(side),
        UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : '']
          .filter(Boolean)
          .join(' '),
        ConditionExpression: 'attribute_exists(pk)',
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      },
    },
  ];
}

/** For a contact created in the transaction: checks holding the sources it copies but does not write to the state read. */
export function relationGuards(side: RelationSide): TransactItem[] {
  const items: TransactItem[] = [];
  if (!side.newEdge) {
    const edgeKey = keys.friendEdge(side.ownerId, side.peerId);
    items.push({
      ConditionCheck: {
        TableName: tableName(),
        Key: edgeKey,
        ...(side.edge
          ? { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': side.edge.rev } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    });
  }
  if (side.newBlocked === undefined) {
    items.push({
      ConditionCheck: {
        TableName: tableName(),
        Key: keys.block(side.ownerId, side.peerId),
        ConditionExpression: side.blocked ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)',
      },
    });
  }
  return items;
}

const itemKey = (item: TransactItem): string => {
  const key = (item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key) as Key;
  return `${key.pk}\u0000${key.sk}`;
};

/**
 * A transaction may hold one operation per item: drops a ConditionCheck whose item another
 * operation already holds. Every operation built from the same read conditions on that read (or
 * fixes the item's state), so the dropped check adds nothing.
 */
export function withoutRedundantChecks(items: readonly TransactItem[]): TransactItem[] {
  const written = new Set(items.filter((item) => !item.ConditionCheck).map(itemKey));
  const checked = new Set<string>();
  return items.filter((item) => {
    if (!item.ConditionCheck) return true;
    const key = itemKey(item);
    if (written.has(key) || checked.has(key)) return false;
    checked.add(key);
    return true;
  });
}

/**
 * Outside a transaction (batch_delete beyond what one transaction holds): brings the owner's contact
 * of the peer up to this edge, unless it already holds this revision or a later one — the same
 * ordering guard as the card fan-out (`store/users.ts` refreshPeerCards). A missing contact is left missing.
 */
export async function refreshEdgeCopy(ownerId: string, peerId: string, facts: EdgeFacts): Promise<void> {
  await unlessConditionFails(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: userContactKey({ ownerId, peerId }),
        UpdateExpression: 'SET myEdge = :myEdge',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(myEdge) OR myEdge.rev < :rev)',
        ExpressionAttributeValues: { ':myEdge': facts, ':rev': facts.rev },
      }),
    ),
  );
}
