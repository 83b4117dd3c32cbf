import {
  batchDeleteBody, contactsInfoBody, contactsInfoResult, friendDescriptionResult, friendIdBody, friendIdParams,
  friendListResult, friendProfileResult, inviteBody, inviteResult, setDisplayNameBody, setFriendDescriptionBody,
} from '../schemas/friendship.js';
import { defineRoute } from './route.js';

/** SealTalk `/friendship/*` (docs/behaviour.md#friendship-sealtalk). */
const sealtalk = { dialect: 'sealtalk', auth: 'user', scopes: [] } as const;

export const friendshipRoutes = {
  invite: defineRoute({ ...sealtalk, method: 'POST', path: '/friendship/invite', handler: 'friendship/invite', access: 'write', summary: 'Send a friend request', body: inviteBody, response: inviteResult }),
  agree: defineRoute({ ...sealtalk, method: 'POST', path: '/friendship/agree', handler: 'friendship/agree', access: 'write', summary: 'Agree to a friend request', body: friendIdBody, response: inviteResult }),
  ignore: defineRoute({ ...sealtalk, method: 'POST', path: '/friendship/ignore', handler: 'friendship/ignore', access: 'write', summary: 'Ignore a friend request', body: friendIdBody }),
  delete: defineRoute({ ...sealtalk, method: 'POST', path: '/friendship/delete', handler: 'friendship/delete', access: 'write', summary: 'Delete a friend', body: friendIdBody }),
  setDisplayName: defineRoute({ ...sealtalk, method: 'POST', path: '/friendship/set_display_name', handler: 'friendship/set-display-name', access: 'write', summary: "Set a friend's display name", body: setDisplayNameBody }),
  all: defineRoute({ ...sealtalk, method: 'GET', path: '/friendship/all', handler: 'friendship/all', access: 'read', summary: 'List all my friendship edges', response: friendListResult }),
  profile: defineRoute({ ...sealtalk, method: 'GET', path: '/friendship/{friendId}/profile', handler: 'friendship/profile', access: 'read', summary: "A friend's profile", params: friendIdParams, response: friendProfileResult }),
  contactsInfo: defineRoute({ ...sealtalk, method: 'POST', path: '/friendship/get_contacts_info', handler: 'friendship/get-contacts-info', access: 'read', summary: 'Who of my phone contacts is registered, and my friend', body: contactsInfoBody, response: contactsInfoResult }),
  batchDelete: defineRoute({ ...sealtalk, method: 'POST', path: '/friendship/batch_delete', handler: 'friendship/batch-delete', access: 'write', summary: 'Delete many friends at once', body: batchDeleteBody }),
  setFriendDescription: defineRoute({ ...sealtalk, method: 'POST', path: '/friendship/set_friend_description', handler: 'friendship/set-friend-description', access: 'write', summary: "Set a friend's notes", body: setFriendDescriptionBody }),
  getFriendDescription: defineRoute({ ...sealtalk, method: 'POST', path: '/friendship/get_friend_description', handler: 'friendship/get-friend-description', access: 'read', summary: "Get a friend's notes", body: friendIdBody, response: friendDescriptionResult }),
};
