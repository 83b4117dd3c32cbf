import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { contactRefOf } from '../../lib/schemas/featapi.js';
import { getFeatContact } from '../../lib/usecases/contacts.js';

export const handler = endpoint(featapiRoutes.getContact, ({ caller, query, now }) =>
  getFeatContact(caller.userId, contactRefOf(query), now),
);
