import {
  blacklistBody, blacklistResult, findByPhoneParams, foundUserResult, privacyResult, publicUserResult, setGenderBody,
  setNicknameBody, setPortraitUriBody, setPrivacyBody, setStAccountBody, userIdParams,
} from '../schemas/user.js';
import { defineRoute } from './route.js';

/** SealTalk `/user/*` (docs/behaviour.md#users). */
const sealtalk = { dialect: 'sealtalk', auth: 'user', scopes: [] } as const;

export const userRoutes = {
  setNickname: defineRoute({ ...sealtalk, method: 'POST', path: '/user/set_nickname', handler: 'user/set-nickname', access: 'write', summary: 'Set my nickname', body: setNicknameBody }),
  setPortraitUri: defineRoute({ ...sealtalk, method: 'POST', path: '/user/set_portrait_uri', handler: 'user/set-portrait-uri', access: 'write', summary: 'Set my portrait', body: setPortraitUriBody }),
  setGender: defineRoute({ ...sealtalk, method: 'POST', path: '/user/set_gender', handler: 'user/set-gender', access: 'write', summary: 'Set my gender', body: setGenderBody }),
  setStAccount: defineRoute({ ...sealtalk, method: 'POST', path: '/user/set_st_account', handler: 'user/set-st-account', access: 'write', summary: 'Set my unique SealTalk account', body: setStAccountBody }),
  setPrivacy: defineRoute({ ...sealtalk, method: 'POST', path: '/user/set_privacy', handler: 'user/set-privacy', access: 'write', summary: 'Set whether friend requests need approval', body: setPrivacyBody }),
  getPrivacy: defineRoute({ ...sealtalk, method: 'GET', path: '/user/get_privacy', handler: 'user/get-privacy', access: 'read', summary: 'My privacy settings', response: privacyResult }),
  blacklist: defineRoute({ ...sealtalk, method: 'GET', path: '/user/blacklist', handler: 'user/blacklist', access: 'read', summary: 'Users I have blacklisted', response: blacklistResult }),
  addToBlacklist: defineRoute({ ...sealtalk, method: 'POST', path: '/user/add_to_blacklist', handler: 'user/add-to-blacklist', access: 'write', summary: 'Blacklist a user', body: blacklistBody }),
  removeFromBlacklist: defineRoute({ ...sealtalk, method: 'POST', path: '/user/remove_from_blacklist', handler: 'user/remove-from-blacklist', access: 'write', summary: 'Remove a user from my blacklist', body: blacklistBody }),
  findByPhone: defineRoute({ ...sealtalk, method: 'GET', path: '/user/find/{region}/{phone}', handler: 'user/find-by-phone', access: 'read', summary: 'Find a user by phone', params: findByPhoneParams, response: foundUserResult }),
  get: defineRoute({ ...sealtalk, method: 'GET', path: '/user/{id}', handler: 'user/get', access: 'read', summary: 'A user by id', params: userIdParams, response: publicUserResult }),
};
