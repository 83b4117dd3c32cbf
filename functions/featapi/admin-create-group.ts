import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { createGroup } from '../../lib/usecases/activity.js';

export const handler = endpoint(featapiRoutes.createGroup, ({ body, now }) => createGroup(body, now));
