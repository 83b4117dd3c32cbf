import { endpoint } from '../../lib/http/endpoint.js';
import { userRoutes } from '../../lib/routes/user.js';
import { changeProfile } from '../../lib/usecases/users.js';

export const handler = endpoint(userRoutes.setPrivacy, ({ caller, body, now }) =>
  changeProfile(caller.userId, { friVerify: body.friVerify }, now),
);
