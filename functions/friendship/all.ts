import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { listFriends } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.all, ({ caller }) => listFriends(caller.userId));
