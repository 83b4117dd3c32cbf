import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { ignore } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.ignore, ({ caller, body, now }) => ignore(caller.userId, body.friendId, now));
