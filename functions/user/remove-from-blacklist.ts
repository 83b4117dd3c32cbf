import { endpoint } from '../../lib/http/endpoint.js';
import { userRoutes } from '../../lib/routes/user.js';
import { unblockUser } from '../../lib/usecases/users.js';

export const handler = endpoint(userRoutes.removeFromBlacklist, ({ caller, body }) => unblockUser(caller.userId, body.friendId));
