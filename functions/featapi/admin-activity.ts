import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { ingestActivity } from '../../lib/usecases/activity.js';

export const handler = endpoint(featapiRoutes.ingestActivity, ({ body, now }) =>
  ingestActivity({ messageId: body.message_id, from: body.from, toUser: body.to_user, toGroup: body.to_group }, now),
);
