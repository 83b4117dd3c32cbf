import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { contactRefOf } from '../../lib/schemas/featapi.js';
import { moveFeatContact } from '../../lib/usecases/contacts.js';

export const handler = endpoint(featapiRoutes.moveContact, ({ caller, body }) =>
  moveFeatContact(caller.userId, contactRefOf(body), body.area),
);
