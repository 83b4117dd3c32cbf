import { endpoint } from '../../lib/http/endpoint.js';
import { friendshipRoutes } from '../../lib/routes/friendship.js';
import { friendProfile } from '../../lib/usecases/friendship.js';

export const handler = endpoint(friendshipRoutes.profile, ({ caller, params }) => friendProfile(caller.userId, params.friendId));
