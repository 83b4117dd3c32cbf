import { endpoint } from '../../lib/http/endpoint.js';
import { recentContactRoutes } from '../../lib/routes/recent-contacts.js';
import { deleteRecentContact } from '../../lib/usecases/recent-contacts.js';

export const handler = endpoint(recentContactRoutes.delete, ({ body }) => deleteRecentContact(body.fromAccount, body.ref));
