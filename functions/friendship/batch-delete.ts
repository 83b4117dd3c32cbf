import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { batchDelete } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.batchDelete, ({ caller, body, now }) => batchDelete(caller.userId, body.friendIds, now));
