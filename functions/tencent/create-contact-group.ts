import { endpoint } from '../../lib/http/endpoint.js';
import { conversationGroupRoutes } from '../../lib/routes/conversation-groups.js';
import { createContactGroup } from '../../lib/usecases/conversation-groups.js';

export const handler = endpoint(conversationGroupRoutes.createContactGroup, ({ body, now }) =>
  createContactGroup(body.From_Account, body.GroupContactItem[0]!, now),
);
