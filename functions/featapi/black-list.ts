import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { featBlackList } from '../../lib/usecases/contacts.js';

export const handler = endpoint(featapiRoutes.blackList, ({ caller, now }) => featBlackList(caller.userId, now));
