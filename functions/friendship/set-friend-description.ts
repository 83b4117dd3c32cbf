import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { setFriendDescription } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.setFriendDescription, ({ caller, body: { friendId, ...change }, now }) =>
  setFriendDescription(caller.userId, friendId, change, now),
);
