import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { friendDescription } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.getFriendDescription, ({ caller, body }) =>
  friendDescription(caller.userId, body.friendId),
);
