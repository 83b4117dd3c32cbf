import { endpoint } from '../../lib/http/endpoint.js';
import { userRoutes } from '../../lib/routes/user.js';
import { privacyOf } from '../../lib/usecases/users.js';

export const handler = endpoint(userRoutes.getPrivacy, ({ caller }) => privacyOf(caller.userId));
