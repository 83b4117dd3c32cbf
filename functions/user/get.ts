import { endpoint } from '../../lib/http/endpoint.js';
import { userRoutes } from '../../lib/routes/user.js';
import { userById } from '../../lib/usecases/users.js';

export const handler = endpoint(userRoutes.get, ({ caller, params }) => userById(caller.userId, params.id));
