import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { agree } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.agree, ({ caller, body, now }) => agree(caller.userId, body.friendId, now));
