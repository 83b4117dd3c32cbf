import { endpoint } from '../../lib/http/endpoint.js';
import { userRoutes } from '../../lib/routes/user.js';
import { changeStAccount } from '../../lib/usecases/users.js';

export const handler = endpoint(userRoutes.setStAccount, ({ caller, body, now }) => changeStAccount(caller.userId, body.stAccount, now));
