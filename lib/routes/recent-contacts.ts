import { deleteBody, emptyResult, getListBody, getListResult, topBody } from '../schemas/recent-contacts.js';
import { defineRoute } from './route.js';
import { tencent } from './tencent.js';

/** Tencent recent-contact list (docs/behaviour.md#recent-contact-list-tencent-im): get_list, delete, top. */
export const recentContactRoutes = {
  getList: defineRoute({
    ...tencent,
    path: '/v4/recentcontact/get_list',
    handler: 'tencent/get-list',
    access: 'read',
    summary: "A user's conversations: pinned first, then newest MsgTime first (cursor pages)",
    body: getListBody,
    response: getListResult,
  }),
  delete: defineRoute({
    ...tencent,
    path: '/v4/recentcontact/delete',
    handler: 'tencent/delete',
    access: 'write',
    summary: "Delete one conversation from a user's list (and unpin it)",
    body: deleteBody,
    response: emptyResult,
  }),
  top: defineRoute({
    ...tencent,
    path: '/v4/recentcontact/top',
    handler: 'tencent/top',
    access: 'write',
    summary: 'Pin (OperationType 1) or unpin (2) conversations; at most 50 pinned',
    body: topBody,
    response: emptyResult,
  }),
};
