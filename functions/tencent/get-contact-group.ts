import { endpoint } from '../../lib/http/endpoint.js';
import { conversationGroupRoutes } from '../../lib/routes/conversation-groups.js';
import { getContactGroup } from '../../lib/usecases/conversation-marks.js';

export const handler = endpoint(conversationGroupRoutes.getContactGroup, ({ body }) => getContactGroup(body.From_Account, body.StartIndex));
