import { endpoint } from '../../lib/http/endpoint.js';
import { conversationGroupRoutes } from '../../lib/routes/conversation-groups.js';
import { markContact } from '../../lib/usecases/conversation-marks.js';

export const handler = endpoint(conversationGroupRoutes.markContact, ({ body, now }) => markContact(body.From_Account, body.MarkItem, now));
