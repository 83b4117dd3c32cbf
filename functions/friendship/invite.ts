import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { invite } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.invite, ({ caller, body, now }) =>
  invite(caller.userId, body.friendId, body.message, now),
);
