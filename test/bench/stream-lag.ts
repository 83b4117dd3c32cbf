import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStreamPoller } from '../../lib/local/stream-poller.js';
import { localStreamHandler } from '../../lib/local/stream-consumer.js';
import { userRoutes as U } from '../../lib/routes/user.js';
import { batchGet, getFrom } from '../../lib/store/batch.js';
import { keys } from '../../lib/store/keys.js';
import { emptyUsage, metered, type DynamoUsage } from '../../lib/meter.js';
import { anyWants } from '../../lib/stream/consumer.js';
import { streamReactions } from '../../lib/stream/reactions/index.js';
import { prepareCall } from '../support/call.js';
import { percentile } from './scenario.js';

/**
 * The change stream's side of a profile change (docs/change-stream.md): from the request until every
 * copy of the card is fresh, on DynamoDB Local's stream with the local poller and the consumer's
 * handler, and the capacity the consumer spends. A benchmark, not a test: nothing fails on timing.
 */
export interface StreamLagResult {
  friends: number;
  runs: number;
  /** Request sent → the stream drained, every friend's edge showing the new card: p50 and max. */
  lagP50Ms: number;
  lagMaxMs: number;
  /** What the consumer spent on one change (the median run's). */
  consumer: DynamoUsage;
}

/** Friends of `hubId` whose edge to the hub does not show `nickname` (BatchGetItem, 100 keys a call). */
async function staleCopies(hubId: string, friends: readonly string[], nickname: string): Promise<number> {
  const found = await batchGet<{ peer?: { nickname?: string } }>(friends.map((friend) => keys.friendEdge(friend, hubId)));
  return friends.filter((friend) => getFrom(found, keys.friendEdge(friend, hubId))?.peer?.nickname !== nickname).length;
}

export async function measureStreamLag(hubs: ReadonlyArray<{ id: string; friends: string[] }>, runs = 3): Promise<StreamLagResult[]> {
  const handler = localStreamHandler();
  let spent = emptyUsage();
  const add = (usage: DynamoUsage) => {
    spent = {
      ...spent,
      calls: spent.calls + usage.calls,
      roundTrips: spent.roundTrips + usage.roundTrips,
      readUnits: spent.readUnits + usage.readUnits,
      writeUnits: spent.writeUnits + usage.writeUnits,
      requestItems: spent.requestItems + usage.requestItems,
    };
  };
  // Only what happens from now on: the measured requests' records, not the benchmark's earlier ones.
  const poller = await startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    region: process.env.AWS_REGION!,
    tableName: process.env.TABLE_NAME!,
    handler: async (event) => {
      const { result, usage } = await metered(() => handler(event));
      add(usage);
      return result;
    },
    wants: (record) => anyWants(streamReactions, record),
    deadLetterFile: join(tmpdir(), `contactbook-bench-dead-letters-${Date.now()}.jsonl`),
    startAt: 'latest',
    idleMs: 5,
    log: () => undefined,
  });
  const results: StreamLagResult[] = [];
  try {
    for (const hub of hubs) {
      const lags: number[] = [];
      const usages: DynamoUsage[] = [];
      for (let run = 0; run < runs; run++) {
        const nickname = `Lag ${hub.friends.length} ${run} ${Date.now()}`;
        const request = await prepareCall(U.setNickname, { as: hub.id, body: { nickname } });
        await poller.drained();
        spent = emptyUsage();
        const started = performance.now();
        const out = await request();
        if (out.statusCode !== 200) throw new Error(`set_nickname answered ${out.statusCode}`);
        await poller.drained();
        lags.push(performance.now() - started);
        usages.push(spent);
        const stale = await staleCopies(hub.id, hub.friends, nickname);
        if (stale) throw new Error(`${stale} copies of ${hub.id}'s card still stale after the stream drained`);
      }
      const sorted = [...lags].sort((a, b) => a - b);
      const median = [...usages].sort((a, b) => a.writeUnits - b.writeUnits)[Math.floor(usages.length / 2)]!;
      results.push({ friends: hub.friends.length, runs, lagP50Ms: percentile(sorted, 50), lagMaxMs: sorted.at(-1)!, consumer: median });
    }
  } finally {
    await poller.stop();
  }
  return results;
}

/** The results as a markdown table. */
export function streamLagMarkdown(results: readonly StreamLagResult[]): string {
  return [
    '| friends | changes | change → every copy fresh, p50 / max ms | consumer calls | consumer RCU / WCU per change |',
    '|--:|--:|--:|--:|--:|',
    ...results.map(
      (r) =>
        `| ${r.friends.toLocaleString('en')} | ${r.runs} | ${r.lagP50Ms.toFixed(0)} / ${r.lagMaxMs.toFixed(0)} | ${r.consumer.calls} | ${r.consumer.readUnits.toFixed(1)} / ${r.consumer.writeUnits.toFixed(1)} |`,
    ),
  ].join('\n');
}
