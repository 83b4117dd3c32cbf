import { endpoint } from '../../lib/http/endpoint.js';
import { accountRoutes } from '../../lib/routes/accounts.js';
import { deleteAccounts } from '../../lib/usecases/account-deletion.js';

export const handler = endpoint(accountRoutes.deleteAccount, ({ body }) => deleteAccounts(body.DeleteItem.map((item) => item.UserID)));
