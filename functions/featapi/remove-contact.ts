import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { contactRefOf } from '../../lib/schemas/featapi.js';
import { removeFeatContact } from '../../lib/usecases/contacts.js';

export const handler = endpoint(featapiRoutes.removeContact, ({ caller, body }) => removeFeatContact(caller.userId, contactRefOf(body)));
