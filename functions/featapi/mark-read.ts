import { endpoint } from '../../lib/http/endpoint.js';
import { featapiRoutes } from '../../lib/routes/featapi.js';
import { markRead } from '../../lib/usecases/contacts.js';

export const handler = endpoint(featapiRoutes.markRead, ({ caller, body }) =>
  markRead(caller.userId, [
    ...body.from_user.map((peerId) => ({ kind: 'user' as const, peerId })),
    ...body.to_group.map((id) => ({ kind: 'group' as const, peerId: String(id) })),
  ]),
);
