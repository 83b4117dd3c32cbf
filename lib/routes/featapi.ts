import * as z from 'zod';
import {
  activityBody,
  activityResult,
  addMembersBody,
  addMembersResult,
  contactPage,
  contactRefBody,
  contactRefQuery,
  createGroupBody,
  featContactView,
  featGroupView,
  listContactsQuery,
  markReadBody,
  moveContactBody,
  successDetail,
  updateRelationBody,
} from '../schemas/featapi.js';
import { defineRoute } from './route.js';

/**
 * FeatAPI `/api/party/*` (docs/behaviour.md#contact-list-featapi): JWT callers whose token carries the scope. Paths are written
 * without FeatAPI's trailing slash; the gateway matches `/get_contact/` and `/get_contact` alike.
 */
const contact = { dialect: 'featapi', auth: 'user', scopes: ['party_contact'] } as const;
const message = { dialect: 'featapi', auth: 'user', scopes: ['party_message'] } as const;
/** The app's own server: a token with scope `party_admin` (`npm run token -- appserver --scope party_admin`). */
const admin = { dialect: 'featapi', auth: 'user', scopes: ['party_admin'] } as const;

export const featapiRoutes = {
  getContact: defineRoute({
    ...contact,
    method: 'GET',
    path: '/api/party/contact-list/get_contact',
    handler: 'featapi/get-contact',
    access: 'read',
    summary: 'One contact of mine: ?user=ID or ?group=ID',
    query: contactRefQuery,
    response: featContactView,
  }),
  blackList: defineRoute({
    ...contact,
    method: 'GET',
    path: '/api/party/contact-list/black_list',
    handler: 'featapi/black-list',
    access: 'read',
    summary: 'My black list (status 600)',
    response: z.array(featContactView),
  }),
  list: defineRoute({
    ...contact,
    method: 'GET',
    path: '/api/party/contact-list',
    handler: 'featapi/list-contacts',
    access: 'read',
    summary: 'My contacts in the Inbox or the Archive, newest first (cursor pages)',
    query: listContactsQuery,
    response: contactPage,
  }),
  removeContact: defineRoute({
    ...contact,
    method: 'POST',
    path: '/api/party/contact-list/remove_contact',
    handler: 'featapi/remove-contact',
    access: 'write',
    summary: 'Remove a contact from my lists',
    body: contactRefBody,
    response: successDetail,
  }),
  moveContact: defineRoute({
    ...contact,
    method: 'POST',
    path: '/api/party/contact-list/move_contact',
    handler: 'featapi/move-contact',
    access: 'write',
    summary: 'Move a contact to the Inbox or the Archive',
    body: moveContactBody,
    response: successDetail,
  }),
  updateRelation: defineRoute({
    ...contact,
    method: 'POST',
    path: '/api/party/contact-list/update_relation',
    handler: 'featapi/update-relation',
    access: 'write',
    summary: 'apply / accept / reject / recall / black / unblack',
    body: updateRelationBody,
    response: featContactView.nullable(),
  }),
  markRead: defineRoute({
    ...message,
    method: 'POST',
    path: '/api/party/message/mark_read',
    handler: 'featapi/mark-read',
    access: 'write',
    summary: 'Clear the unread counts of contacts',
    body: markReadBody,
    response: successDetail,
  }),
  createGroup: defineRoute({
    ...admin,
    method: 'POST',
    path: '/api/party/admin/group/create',
    handler: 'featapi/admin-create-group',
    access: 'write',
    summary: 'App server: create a chat group with its members',
    body: createGroupBody,
    response: featGroupView,
  }),
  addMembers: defineRoute({
    ...admin,
    method: 'POST',
    path: '/api/party/admin/group/add_members',
    handler: 'featapi/admin-add-members',
    access: 'write',
    summary: 'App server: add members to a chat group',
    body: addMembersBody,
    response: addMembersResult,
  }),
  ingestActivity: defineRoute({
    ...admin,
    method: 'POST',
    path: '/api/party/admin/activity',
    handler: 'featapi/admin-activity',
    access: 'write',
    summary: 'App server: record a delivered message (contact_time, unread_count), once per message id',
    body: activityBody,
    response: activityResult,
  }),
};
