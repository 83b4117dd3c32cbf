import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { setDisplayName } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.setDisplayName, ({ caller, body, now }) =>
  setDisplayName(caller.userId, body.friendId, body.displayName, now),
);
