import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { addMembers } from '../../lib/usecases/activity.js';

export const handler = endpoint(featapiRoutes.addMembers, ({ body, now }) => addMembers(body.group, body.members, now));
