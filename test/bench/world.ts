import { hubWithBlocked, hubWithFriends } from './seed.js';

/**
 * The shared data set, seeded once per run: users with 1, 100 and 1,000 agreed friends (each
 * friend with a phone, so phones and FeatAPI contacts exist too) and a user with 50 users on
 * their blacklist.
 */
export interface World {
  hubs: Record<1 | 100 | 1000, { id: string; friends: string[]; phones: string[] }>;
  blocker: { id: string; blocked: string[] };
}

let world: Promise<World> | undefined;

/** The user with 10,000 agreed friends: seeded only when a scenario asks for it (set_nickname, the change stream's lag). */
export const BIG_HUB = { id: 'hub10000', size: 10_000 } as const;
let big: Promise<{ id: string; friends: string[]; phones: string[] }> | undefined;

export function bigHub() {
  big ??= hubWithFriends(BIG_HUB.id, BIG_HUB.size).then((seeded) => ({ id: BIG_HUB.id, ...seeded }));
  return big;
}

export function sharedWorld(): Promise<World> {
  world ??= (async () => {
    const hubs = {} as World['hubs'];
    for (const size of [1, 100, 1000] as const) hubs[size] = { id: `hub${size}`, ...(await hubWithFriends(`hub${size}`, size)) };
    const blocked = await hubWithBlocked('blocker', 50);
    return { hubs, blocker: { id: 'blocker', blocked } };
  })();
  return world;
}
