import { endpoint } from '../../lib/http/endpoint.js';
import { recentContactRoutes } from '../../lib/routes/recent-contacts.js';
import { setRecentContactsPinned } from '../../lib/usecases/recent-contacts.js';

export const handler = endpoint(recentContactRoutes.top, ({ body }) => setRecentContactsPinned(body.fromAccount, body.refs, body.pin));
