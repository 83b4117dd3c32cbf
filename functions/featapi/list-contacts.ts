import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/schemas/featapi.js';
import { listFeatContacts } from '../../lib/usecases/contacts.js';

export const handler = endpoint(featapiRoutes.list, ({ caller, query, now }) =>
  listFeatContacts(caller.userId, { area: query.area, pageSize: query.page_size ?? DEFAULT_PAGE_SIZE, cursor: query.cursor }, now),
);
