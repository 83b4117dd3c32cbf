import { endpoint } from '../../lib/http/endpoint.js';
import { userRoutes } from '../../lib/routes/user.js';
import { blockUser } from '../../lib/usecases/users.js';

export const handler = endpoint(userRoutes.addToBlacklist, ({ caller, body, now }) => blockUser(caller.userId, body.friendId, now));
