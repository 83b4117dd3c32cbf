import { endpoint } from '../../lib/http/endpoint.js';
import { conversationGroupRoutes } from '../../lib/routes/conversation-groups.js';
import { delContactGroup } from '../../lib/usecases/conversation-groups.js';

export const handler = endpoint(conversationGroupRoutes.delContactGroup, ({ body, now }) =>
  delContactGroup(body.From_Account, body.GroupName[0]!, now),
);
