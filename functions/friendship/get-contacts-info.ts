import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { contactsInfo } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.contactsInfo, ({ caller, body }) => contactsInfo(caller.userId, body.contactList));
