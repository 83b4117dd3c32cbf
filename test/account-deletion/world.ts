import { expect } from 'vitest';
import { recentContactRoutes } from '../../lib/routes/recent-contacts.js';
import { call } from '../support/call.js';
import { befriend, U, userWithPhone } from '../support/sealtalk.js';
import { callTim } from '../support/tim.js';
import { createGroup, F, message, relate } from '../featapi/helpers.js';
import { accounts, c2c, createGroup as createContactGroup, mark, ok } from '../tencent-groups/helpers.js';

/**
 * One doomed user tied to others in every way the product knows, through the real handlers: each
 * helper names its users `<prefix>-<role>`, and no id contains another's.
 */
const ROLES = [
  'friend',
  'blocked',
  'blocker',
  'unblocker',
  'applicant',
  'texter',
  'marker',
  'tagger',
  'pinner',
  'member',
  'bystander',
] as const;
type Role = (typeof ROLES)[number];

export interface World {
  doomed: string;
  phone: string;
  stAccount: string;
  /** Every other user, by role. */
  others: Record<Role, string>;
  /** FeatAPI chat groups: one the doomed user created, one they joined. */
  groups: { created: number; joined: number };
}

const top = (from: string, to: string) =>
  callTim(recentContactRoutes.top, { From_Account: from, OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: to }] });

export async function buildWorld(prefix: string, phone: string): Promise<World> {
  const role = (name: string) => `${prefix}-${name}`;
  const doomed = role('doomed');
  const others = Object.fromEntries(ROLES.map((name) => [name, role(name)])) as Record<Role, string>;
  const stAccount = `${prefix.replace(/[^a-z0-9]/gi, '')}acct`.slice(0, 20).padEnd(6, 'x');
  await userWithPhone(doomed, phone);
  await userWithPhone(others.friend, `${phone.slice(0, -1)}9`);
  await accounts(...Object.values(others).filter((id) => id !== others.friend));
  expect((await call(U.setStAccount, { as: doomed, body: { stAccount } })).status).toBe(200);

  // SealTalk: an agreed friendship (edges, friend-by-phone rows both ways), blacklist entries both ways
  await befriend(doomed, others.friend);
  expect((await call(U.addToBlacklist, { as: doomed, body: { friendId: others.blocked } })).status).toBe(200);
  expect((await call(U.addToBlacklist, { as: others.blocker, body: { friendId: doomed } })).status).toBe(200);
  // a contact left behind by a block that was lifted: nothing on the doomed side but its reverse row
  expect((await call(U.addToBlacklist, { as: others.unblocker, body: { friendId: doomed } })).status).toBe(200);
  expect((await call(U.removeFromBlacklist, { as: others.unblocker, body: { friendId: doomed } })).status).toBe(200);
  // FeatAPI: a pending application, and messages with unread counts both ways
  expect((await relate(others.applicant, 'apply', doomed)).status).toBe(200);
  expect((await message(`${prefix}-m1`, doomed, { to_user: others.texter })).status).toBe(200);
  expect((await message(`${prefix}-m2`, others.texter, { to_user: doomed })).status).toBe(200);
  expect((await message(`${prefix}-m3`, others.pinner, { to_user: doomed })).status).toBe(200);
  // FeatAPI chat groups: one the doomed user created (members hold its card), one they joined
  const created = (await createGroup(`${prefix} created`, doomed, [others.member, others.friend])).id;
  const joined = (await createGroup(`${prefix} joined`, others.member, [doomed, others.bystander])).id;
  expect((await message(`${prefix}-m4`, others.member, { to_group: joined })).status).toBe(200);

  // Tencent: marks and a conversation group naming the doomed user, pins (detached and attached) both ways
  ok(await mark(others.marker, [{ OptType: 3, ContactItem: c2c(doomed), SetMark: [0, 33], CustomMark: 'custom' }]));
  ok(await createContactGroup(others.marker, 'work', [c2c(doomed), c2c(others.bystander)]));
  ok(await createContactGroup(others.friend, 'close', [c2c(doomed)]));
  // marks are the only tie of this one: found through GSI2 alone
  ok(await createContactGroup(others.tagger, 'tags', [c2c(doomed), c2c(others.marker)]));
  ok(await mark(others.tagger, [{ OptType: 1, ContactItem: c2c(doomed), SetMark: [2] }]));
  ok(await mark(doomed, [{ OptType: 1, ContactItem: c2c(others.marker), SetMark: [1] }]));
  ok(await createContactGroup(doomed, 'mine', [c2c(others.friend)]));
  ok(await top(others.marker, doomed)); // no contact: detached
  ok(await top(others.pinner, doomed)); // a contact from m3: attached
  ok(await top(doomed, others.marker)); // detached, the other way
  ok(await top(doomed, others.texter)); // attached, the other way

  return { doomed, phone, stAccount, others, groups: { created, joined } };
}

/** FeatAPI's contact list of a user (both areas), as the app shows it. */
export async function featContacts(as: string): Promise<any[]> {
  const out = await call(F.list, { as, query: { area: 'all', page_size: '100' } });
  expect(out.status).toBe(200);
  return out.body.data.results;
}
