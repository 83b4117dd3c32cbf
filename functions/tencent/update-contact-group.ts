import { endpoint } from '../../lib/http/endpoint.js';
import { conversationGroupRoutes } from '../../lib/routes/conversation-groups.js';
import { updateContactGroup } from '../../lib/usecases/conversation-groups.js';

export const handler = endpoint(conversationGroupRoutes.updateContactGroup, ({ body, now }) =>
  updateContactGroup(body.From_Account, body.UpdateGroup, now),
);
