import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { remove } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.delete, ({ caller, body, now }) => remove(caller.userId, body.friendId, now));
