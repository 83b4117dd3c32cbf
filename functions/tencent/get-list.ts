import { endpoint } from '../../lib/http/endpoint.js';
import { recentContactRoutes } from '../../lib/routes/recent-contacts.js';
import { getRecentContactList } from '../../lib/usecases/recent-contacts.js';

export const handler = endpoint(recentContactRoutes.getList, ({ body }) =>
  getRecentContactList({
    fromAccount: body.From_Account,
    cursor: { time: body.TimeStamp, index: body.StartIndex },
    topCursor: { time: body.TopTimeStamp, index: body.TopStartIndex },
    assistFlags: body.AssistFlags,
  }),
);
