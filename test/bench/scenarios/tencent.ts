import { conversationGroupRoutes as G } from '../../../lib/routes/conversation-groups.js';
import { recentContactRoutes as R } from '../../../lib/routes/recent-contacts.js';
import { GSI1, GSI3 } from '../../../lib/store/table-definition.js';
import { conversationMarksIndex, keys, recentContactsIndex } from '../../../lib/store/keys.js';
import { setRecentContactsPinned } from '../../../lib/usecases/recent-contacts.js';
import { PINNED_MAX } from '../../../lib/domain/recent-contacts.js';
import { createContactGroup, updateContactGroup } from '../../../lib/usecases/conversation-groups.js';
import { markContact } from '../../../lib/usecases/conversation-marks.js';
import { timQuery } from '../../support/tim.js';
import { bare } from '../bare.js';
import type { Scenario } from '../scenario.js';
import { makeUsers } from '../seed.js';
import { sharedWorld } from '../world.js';

const ME = 'tim-hub';
const CONVERSATIONS = 1000;
const GROUPS = 20;
const c2c = (i: number) => ({ Type: 1 as const, To_Account: `peer-${i}` });
const recordKey = (i: number) => keys.conversationMarks(ME, `C2C#peer-${i}`);

/** A user with 1,000 marked conversations, every one of them in each of 20 groups (20 groups of 1,000). */
async function seedMarks(): Promise<void> {
  await makeUsers([ME]);
  const now = Date.now();
  for (let from = 0; from < CONVERSATIONS; from += 100) {
    await markContact(
      ME,
      Array.from({ length: 100 }, (_, k) => ({ OptType: 1 as const, ContactItem: c2c(from + k), SetMark: [0] })),
      now,
    );
  }
  for (let g = 0; g < GROUPS; g++) {
    const name = `group-${g}`;
    await createContactGroup(ME, { GroupName: name }, now);
    for (let from = 0; from < CONVERSATIONS; from += 100) {
      await updateContactGroup(
        ME,
        {
          UpdateGroupType: 2,
          OldGroupName: name,
          ContactUpdateItem: Array.from({ length: 100 }, (_, k) => ({ ContactOptType: 1 as const, ContactItem: c2c(from + k) })),
        },
        now,
      );
    }
  }
}

/** Tencent `/v4/recentcontact/*` (admin usersig). */
export async function scenarios(): Promise<Scenario[]> {
  const { hubs } = await sharedWorld();
  await seedMarks();
  const tim = (body: unknown) => ({ body, query: timQuery() });
  const big = hubs[1000].id;
  // a user with the most pins Tencent allows but one: the pinned part of page one is a GSI3 Query too
  const pinner = hubs[100].id;
  await setRecentContactsPinned(
    pinner,
    hubs[100].friends.slice(0, PINNED_MAX - 1).map((peerId) => ({ kind: 'user' as const, peerId })),
    true,
  );
  return [
    {
      route: G.searchContactGroup,
      data: '300 of 1,000 conversations, 20 groups',
      pattern: 'BatchGet user + header + 300 records (4 calls in parallel)',
      runs: 100,
      expectedRoundTrips: 1,
      request: (i) => tim({ From_Account: ME, ContactItem: Array.from({ length: 300 }, (_, k) => c2c((i * 7 + k) % CONVERSATIONS)) }),
      bare: (i) =>
        bare.batchGet([
          keys.user(ME),
          keys.conversationGroups(ME),
          ...Array.from({ length: 300 }, (_, k) => recordKey((i * 7 + k) % CONVERSATIONS)),
        ]),
    },
    {
      route: G.getContactGroup,
      data: '1,000 conversations, 20 groups, first page',
      pattern: 'BatchGet user + header ‖ Query GSI1 (101)',
      runs: 100,
      expectedRoundTrips: 1,
      request: () => tim({ From_Account: ME, StartIndex: 0 }),
      bare: () =>
        Promise.all([
          bare.batchGet([keys.user(ME), keys.conversationGroups(ME)]),
          bare.query({
            IndexName: GSI1.name,
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after',
            ExpressionAttributeValues: { ':pk': conversationMarksIndex.pk(ME), ':after': conversationMarksIndex.sk(0) },
            Limit: 101,
          }),
        ]),
    },
    {
      route: G.markContact,
      data: '1 conversation of 1,000',
      pattern: 'BatchGet (consistent) user + header + record → a mark set: UpdateItem ADD; cleared: conditional PutItem',
      runs: 100,
      expectedRoundTrips: 2,
      // Requests 2k and 2k + 1 set and then clear mark 1 on conversation k, so every clear has a mark to clear.
      request: (i) =>
        tim({ From_Account: ME, MarkItem: [{ OptType: 1, ContactItem: c2c(i >> 1), ...(i % 2 ? { ClearMark: [1] } : { SetMark: [1] }) }] }),
      bare: async (i) => {
        const key = recordKey(500 + (i >> 1));
        const [record] = (await bare.batchGet([keys.user(ME), keys.conversationGroups(ME), key], true)).filter(
          (item) => item.sk === key.sk,
        );
        // as the handler: setting a mark only adds (no read-modify-write), clearing one rewrites the record at its rev
        if (i % 2 === 0) {
          await bare.update({
            Key: key,
            UpdateExpression: 'SET #updatedAt = :updatedAt ADD #rev :one, #markBits :bits',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#updatedAt': 'updatedAt', '#rev': 'rev', '#markBits': 'markBits' },
            ExpressionAttributeValues: { ':updatedAt': Math.floor(Date.now() / 1000), ':one': 1, ':bits': new Set([1]) },
          });
        } else {
          const markBits = new Set(record!.markBits as Set<number>);
          markBits.delete(1);
          await bare.put(
            { ...record!, markBits, rev: (record!.rev as number) + 1 },
            { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': record!.rev } },
          );
        }
      },
    },
    ...[big, pinner].map((owner) => ({
      route: R.getList,
      data: owner === big ? '1,000 contacts, first page' : `100 contacts, ${PINNED_MAX - 1} pinned, first page`,
      pattern: 'BatchGet user + pinned ‖ Query GSI3 RECENTPIN# ‖ Query GSI3 RECENT# (101)',
      runs: 100,
      expectedRoundTrips: 1,
      request: () => tim({ From_Account: owner, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 }),
      bare: () =>
        Promise.all([
          bare.batchGet([keys.user(owner), keys.pinnedConversations(owner)]),
          bare.query({
            IndexName: GSI3.name,
            KeyConditionExpression: 'gsi3pk = :pk',
            ExpressionAttributeValues: { ':pk': recentContactsIndex.pk(owner, true) },
            ScanIndexForward: false,
          }),
          bare.query({
            IndexName: GSI3.name,
            KeyConditionExpression: 'gsi3pk = :pk',
            ExpressionAttributeValues: { ':pk': recentContactsIndex.pk(owner, false) },
            ScanIndexForward: false,
            Limit: 101,
          }),
        ]),
    })),
  ];
}
