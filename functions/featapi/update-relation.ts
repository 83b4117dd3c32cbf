import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { updateRelation } from '../../lib/usecases/relations.js';

export const handler = endpoint(featapiRoutes.updateRelation, ({ caller, body, now }) =>
  updateRelation(caller.userId, body.action, body.friend, now),
);
