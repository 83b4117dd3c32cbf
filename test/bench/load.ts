/**
 * `npm run load`: drives the local server (its own DynamoDB Local, loopback only, with the table's
 * stream consumer running as under `npm start`) with autocannon: mixed reads and writes from many
 * users in small circles (so their writes collide), bounded in time; reports throughput and latency
 * percentiles; then re-delivers every message id once more (idempotent), waits until the stream is
 * drained, and checks the invariants (`invariants.ts`). Exits non-zero when one fails, any request
 * got a 5xx, or the consumer dead-lettered a record.
 *
 * Flags: --duration <s> (default 20), --connections <n> (default 16), --users <n> (default 120).
 */
import autocannon from 'autocannon';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flag, startBenchTable } from './env.js';

const duration = Number(flag('duration', '20'));
const connections = Number(flag('connections', '16'));
const userCount = Number(flag('users', '120'));
const CIRCLE = 8;

const ddb = await startBenchTable('load');
const { routes } = await import('../../lib/routes/index.js');
const { startLocalServer } = await import('../../lib/local/server.js');
const { signJwt } = await import('../../lib/auth/jwt.js');
const { localJwtConfig } = await import('../../lib/config.js');
const { makeUsers } = await import('./seed.js');
const { inParallel } = await import('./bare.js');
const { checkInvariants } = await import('./invariants.js');
const { timQuery } = await import('../support/tim.js');
const { startLocalStreamConsumer } = await import('../../lib/local/stream-consumer.js');
const { readDeadLetters } = await import('../../lib/local/stream-dead-letters.js');

const server = await startLocalServer({ routes, port: 0, host: '127.0.0.1', log: () => undefined });
const deadLetterFile = join(tmpdir(), `contactbook-load-dead-letters-${Date.now()}.jsonl`);
const stream = await startLocalStreamConsumer({
  endpoint: ddb.endpoint,
  region: process.env.AWS_REGION!,
  tableName: process.env.TABLE_NAME!,
  deadLetterFile,
  log: () => undefined,
});
let failed = false;
try {
  const users = Array.from({ length: userCount }, (_, i) => `load-${String(i).padStart(4, '0')}`);
  // with phones: agree and delete then write friend-by-phone rows, and get_contacts_info reads them
  const phones = await makeUsers(users, { phones: true });
  const secret = localJwtConfig().secret;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const token = (sub: string, scope: string) => `Bearer ${signJwt({ sub, nickname: sub, scope, exp }, secret)}`;
  const tokens = new Map(users.map((id) => [id, token(id, 'party_contact party_message')]));
  const adminToken = token('appserver', 'party_admin');

  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
  /** Someone else in the same circle of CIRCLE users: pairs repeat, so writes race. */
  const peerOf = (id: string) => {
    const index = users.indexOf(id);
    const base = index - (index % CIRCLE);
    let other = id;
    while (other === id) other = users[Math.min(users.length - 1, base + Math.floor(Math.random() * CIRCLE))]!;
    return other;
  };

  const messages = new Map<string, { from: string; to: string }>();
  let messageSeq = 0;
  const statuses = new Map<number, number>();
  const byAction = new Map<string, number>();
  const serverErrors: string[] = [];

  type Action = {
    name: string;
    weight: number;
    make(me: string): { method: 'GET' | 'POST'; path: string; body?: unknown; admin?: boolean };
  };
  const actions: Action[] = [
    { name: 'friendship/all', weight: 18, make: () => ({ method: 'GET', path: '/friendship/all' }) },
    {
      name: 'invite',
      weight: 14,
      make: (me) => ({ method: 'POST', path: '/friendship/invite', body: { friendId: peerOf(me), message: 'hi' } }),
    },
    { name: 'agree', weight: 14, make: (me) => ({ method: 'POST', path: '/friendship/agree', body: { friendId: peerOf(me) } }) },
    { name: 'ignore', weight: 4, make: (me) => ({ method: 'POST', path: '/friendship/ignore', body: { friendId: peerOf(me) } }) },
    { name: 'delete', weight: 5, make: (me) => ({ method: 'POST', path: '/friendship/delete', body: { friendId: peerOf(me) } }) },
    {
      name: 'set_nickname',
      weight: 3,
      make: (me) => ({
        method: 'POST',
        path: '/user/set_nickname',
        body: { nickname: `${me.slice(-4)}-${Math.floor(Math.random() * 1e6)}` },
      }),
    },
    {
      name: 'message',
      weight: 16,
      make: (me) => {
        const id = `msg-${++messageSeq}`;
        const to = peerOf(me);
        messages.set(id, { from: me, to });
        return { method: 'POST', path: '/api/party/admin/activity', body: { message_id: id, from: me, to_user: to }, admin: true };
      },
    },
    {
      name: 'message (redelivered)',
      weight: 4,
      make: (me) => {
        const known = messageSeq ? `msg-${1 + Math.floor(Math.random() * messageSeq)}` : undefined;
        const sent = known ? messages.get(known) : undefined;
        if (!known || !sent) return actions.find((a) => a.name === 'message')!.make(me);
        return {
          method: 'POST',
          path: '/api/party/admin/activity',
          body: { message_id: known, from: sent.from, to_user: sent.to },
          admin: true,
        };
      },
    },
    { name: 'get_contact', weight: 12, make: (me) => ({ method: 'GET', path: `/api/party/contact-list/get_contact?user=${peerOf(me)}` }) },
    { name: 'contact list', weight: 6, make: () => ({ method: 'GET', path: '/api/party/contact-list?area=inbox&page_size=20' }) },
    {
      name: 'get_contacts_info',
      weight: 3,
      make: () => ({
        method: 'POST',
        path: '/friendship/get_contacts_info',
        body: { contactList: Array.from({ length: 20 }, () => pick(phones)) },
      }),
    },
    { name: 'profile', weight: 4, make: (me) => ({ method: 'GET', path: `/friendship/${peerOf(me)}/profile` }) },
    // Blacklisting in both dialects races the edge writes above: the contacts' relation copies must keep up.
    {
      name: 'black',
      weight: 2,
      make: (me) => ({ method: 'POST', path: '/api/party/contact-list/update_relation', body: { action: 'black', friend: peerOf(me) } }),
    },
    {
      name: 'unblack',
      weight: 2,
      make: (me) => ({ method: 'POST', path: '/api/party/contact-list/update_relation', body: { action: 'unblack', friend: peerOf(me) } }),
    },
    {
      name: 'remove_from_blacklist',
      weight: 1,
      make: (me) => ({ method: 'POST', path: '/user/remove_from_blacklist', body: { friendId: peerOf(me) } }),
    },
    { name: 'black_list', weight: 2, make: () => ({ method: 'GET', path: '/api/party/contact-list/black_list' }) },
    // Tencent pins race the messages and relations that make and touch the same contacts (hides stay out: they reset unread counts)
    ...([1, 2] as const).map((operation): Action => ({
      name: operation === 1 ? 'top (pin)' : 'top (unpin)',
      weight: 3,
      make: (me) => ({
        method: 'POST',
        path: `/v4/recentcontact/top?${timQuery()}`,
        body: { From_Account: me, OperationType: operation, RecentContactItem: [{ Type: 1, To_Account: peerOf(me) }] },
      }),
    })),
    {
      name: 'get_list',
      weight: 4,
      make: (me) => ({
        method: 'POST',
        path: `/v4/recentcontact/get_list?${timQuery()}`,
        body: { From_Account: me, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 },
      }),
    },
  ];
  const totalWeight = actions.reduce((sum, a) => sum + a.weight, 0);
  const chooseAction = () => {
    let roll = Math.random() * totalWeight;
    for (const action of actions) if ((roll -= action.weight) < 0) return action;
    return actions[0]!;
  };

  console.error(`load: ${userCount} users in circles of ${CIRCLE}, ${connections} connections, ${duration} s against ${server.url}`);
  const result = await autocannon({
    url: server.url,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request, context: any) => {
          const me = pick(users);
          const action = chooseAction();
          const call = action.make(me);
          context.action = action.name;
          return {
            ...request,
            method: call.method,
            path: call.path,
            headers: { 'content-type': 'application/json', authorization: call.admin ? adminToken : tokens.get(me)! },
            ...(call.body === undefined ? { body: undefined } : { body: JSON.stringify(call.body) }),
          };
        },
        onResponse: (status, body, context: any) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          byAction.set(context.action, (byAction.get(context.action) ?? 0) + 1);
          if (status >= 500) serverErrors.push(`${context.action} → ${status} ${body.slice(0, 200)}`);
        },
      },
    ],
  });

  // Every message id once more: a delivery cut off at the end is applied now, the rest must be duplicates.
  let appliedLate = 0;
  await inParallel([...messages.entries()], 16, async ([id, { from, to }]) => {
    const response = await fetch(`${server.url}/api/party/admin/activity`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: adminToken },
      body: JSON.stringify({ message_id: id, from, to_user: to }),
    });
    const body = (await response.json()) as { data?: { duplicate?: boolean } };
    if (response.status >= 500) serverErrors.push(`re-delivery ${id} → ${response.status}`);
    if (body.data?.duplicate === false) appliedLate++;
  });
  const delivered = new Map<string, number>();
  for (const { from, to } of messages.values()) delivered.set(`${to}\u0000${from}`, (delivered.get(`${to}\u0000${from}`) ?? 0) + 1);
  const drainStarted = performance.now();
  await stream.drained();
  const drainMs = performance.now() - drainStarted;
  const deadLetters = readDeadLetters(deadLetterFile);
  const invariants = await checkInvariants(delivered);

  const fmt = (n: number) => n.toLocaleString('en');
  const lines = [
    `## Load run (${duration} s, ${connections} connections, ${userCount} users, loopback)`,
    '',
    `- requests: ${fmt(result.requests.total)} (${fmt(Math.round(result.requests.average))} req/s average), errors/timeouts: ${result.errors}/${result.timeouts}`,
    `- latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`,
    `- status codes: ${[...statuses.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([code, n]) => `${code}: ${fmt(n)}`)
      .join(', ')}`,
    `- mix: ${[...byAction.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${fmt(n)}`)
      .join('; ')}`,
    `- messages: ${fmt(messages.size)} distinct ids; ${appliedLate} applied only on re-delivery (cut off at the end of the run)`,
    `- change stream drained ${fmt(Math.round(drainMs))} ms after the last request`,
    '',
    '### Invariants (once the stream is drained)',
    '',
    `- no stream record dead-lettered: ${deadLetters.length === 0 ? 'ok' : `FAILED (${deadLetters.length} batches in ${deadLetterFile})`}`,
    `- no 5xx: ${serverErrors.length === 0 ? 'ok' : `FAILED (${serverErrors.length}): ${serverErrors.slice(0, 5).join(' | ')}`}`,
    `- friendship edge pairs consistent: ${invariants.inconsistentPairs.length === 0 ? 'ok' : 'FAILED'} (${fmt(invariants.pairs)} pairs, ${fmt(invariants.edges)} edges)${invariants.inconsistentPairs
      .slice(0, 5)
      .map((p) => `\n  - ${p}`)
      .join('')}`,
    `- unread counts = distinct messages delivered: ${invariants.unreadMismatches.length === 0 ? 'ok' : 'FAILED'} (${fmt(invariants.contactsChecked)} contacts)${invariants.unreadMismatches
      .slice(0, 5)
      .map((p) => `\n  - ${p}`)
      .join('')}`,
    `- cards current on every edge and blacklist entry: ${invariants.staleCards.length === 0 ? 'ok' : `FAILED (${invariants.staleCards.length})`}${invariants.staleCards
      .slice(0, 5)
      .map((p) => `\n  - ${p}`)
      .join('')}`,
    `- blacklist entries paired with reverse rows: ${invariants.unpairedBlocks.length === 0 ? 'ok' : `FAILED (${invariants.unpairedBlocks.length})`} (${fmt(invariants.blockEntries)} entries)${invariants.unpairedBlocks
      .slice(0, 5)
      .map((p) => `\n  - ${p}`)
      .join('')}`,
    `- contacts' relation copies (status facts, black_list GSI2) equal their edges and entries: ${invariants.relationCopyDrift.length === 0 ? 'ok' : `FAILED (${invariants.relationCopyDrift.length})`}${invariants.relationCopyDrift
      .slice(0, 5)
      .map((p) => `\n  - ${p}`)
      .join('')}`,
    `- friend-by-phone rows match agreed edges, phone claims carry current cards: ${invariants.friendPhoneDrift.length === 0 ? 'ok' : `FAILED (${invariants.friendPhoneDrift.length})`}${invariants.friendPhoneDrift
      .slice(0, 5)
      .map((p) => `\n  - ${p}`)
      .join('')}`,
    `- get_list keys (GSI3, pin flags) match listing and pinned sets: ${invariants.recentIndexMismatches.length === 0 ? 'ok' : `FAILED (${invariants.recentIndexMismatches.length})`}${invariants.recentIndexMismatches
      .slice(0, 5)
      .map((p) => `\n  - ${p}`)
      .join('')}`,
  ];
  console.log(lines.join('\n'));
  failed =
    serverErrors.length > 0 ||
    invariants.inconsistentPairs.length > 0 ||
    invariants.unreadMismatches.length > 0 ||
    invariants.staleCards.length > 0 ||
    invariants.unpairedBlocks.length > 0 ||
    invariants.relationCopyDrift.length > 0 ||
    invariants.recentIndexMismatches.length > 0 ||
    invariants.friendPhoneDrift.length > 0 ||
    deadLetters.length > 0;
} finally {
  await server.close();
  await stream.stop();
  await ddb.stop();
}
process.exit(failed ? 1 : 0);
