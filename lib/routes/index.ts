import { accountRoutes } from './accounts.js';
import { conversationGroupRoutes } from './conversation-groups.js';
import { featapiRoutes } from './featapi.js';
import { friendshipRoutes } from './friendship.js';
import { recentContactRoutes } from './recent-contacts.js';
import type { Route } from './route.js';
import { userRoutes } from './user.js';

/**
 * The route table: the single source of truth for the CDK stack (one function per row), the
 * local server and the OpenAPI document. Order matters only for the local server's matching,
 * where a literal path must come before a templated one (`/user/blacklist` before `/user/{id}`).
 */
export const routes: readonly Route[] = [
  ...Object.values(friendshipRoutes),
  ...Object.values(userRoutes),
  ...Object.values(featapiRoutes),
  ...Object.values(conversationGroupRoutes),
  ...Object.values(recentContactRoutes),
  ...Object.values(accountRoutes),
];
