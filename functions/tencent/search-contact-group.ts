import { endpoint } from '../../lib/http/endpoint.js';
import { conversationGroupRoutes } from '../../lib/routes/conversation-groups.js';
import { searchContactGroup } from '../../lib/usecases/conversation-marks.js';

export const handler = endpoint(conversationGroupRoutes.searchContactGroup, ({ body }) =>
  searchContactGroup(body.From_Account, body.ContactItem),
);
