import { endpoint } from '../../lib/http/endpoint.js';
import { userRoutes } from '../../lib/routes/user.js';
import { userByPhone } from '../../lib/usecases/users.js';

export const handler = endpoint(userRoutes.findByPhone, ({ params }) => userByPhone(params.region, params.phone));
