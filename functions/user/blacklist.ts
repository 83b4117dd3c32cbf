import { endpoint } from '../../lib/http/endpoint.js';
import { userRoutes } from '../../lib/routes/user.js';
import { blacklist } from '../../lib/usecases/users.js';

export const handler = endpoint(userRoutes.blacklist, ({ caller }) => blacklist(caller.userId));
