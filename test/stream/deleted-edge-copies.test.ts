import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { FriendStatus } from '../../lib/domain/friendship.js';
import { deletedEdgeCopies } from '../../lib/stream/reactions/deleted-edge-copies.js';

/** Which edge records the deleted-edge-copies reaction acts on (batch_delete's rows beyond its transaction: test/friendship/contacts-info.test.ts). */

const edgeRecord = (eventName: DynamoDBRecord['eventName'], sk: string, before?: number, after?: number): DynamoDBRecord => ({
  eventName,
  dynamodb: {
    Keys: { pk: { S: 'USER#a' }, sk: { S: sk } },
    ...(before === undefined ? {} : { OldImage: { pk: { S: 'USER#a' }, sk: { S: sk }, status: { N: String(before) } } }),
    ...(after === undefined ? {} : { NewImage: { pk: { S: 'USER#a' }, sk: { S: sk }, status: { N: String(after) } } }),
  },
});

describe('deleted-edge-copies', () => {
  it('wants an edge leaving agreed, and nothing else', () => {
    const { Agreed, Deleted, Requested, Requesting } = FriendStatus;
    expect(deletedEdgeCopies.wants(edgeRecord('MODIFY', 'FRIEND#b', Agreed, Deleted))).toBe(true);
    expect(deletedEdgeCopies.wants(edgeRecord('MODIFY', 'FRIEND#b', Agreed, Agreed))).toBe(false);
    expect(deletedEdgeCopies.wants(edgeRecord('MODIFY', 'FRIEND#b', Requested, Agreed))).toBe(false);
    expect(deletedEdgeCopies.wants(edgeRecord('MODIFY', 'FRIEND#b', Requesting, Deleted))).toBe(false);
    expect(deletedEdgeCopies.wants(edgeRecord('INSERT', 'FRIEND#b', undefined, Agreed))).toBe(false);
    expect(deletedEdgeCopies.wants(edgeRecord('MODIFY', 'CONTACT#U#b', Agreed, Deleted))).toBe(false);
  });

  it('filters the same records in the event source mapping', () => {
    expect(deletedEdgeCopies.filterPattern).toEqual({
      eventName: ['MODIFY'],
      dynamodb: {
        Keys: { sk: { S: [{ prefix: 'FRIEND#' }] } },
        OldImage: { status: { N: [String(FriendStatus.Agreed)] } },
        NewImage: { status: { N: [{ 'anything-but': [String(FriendStatus.Agreed)] }] } },
      },
    });
  });
});
