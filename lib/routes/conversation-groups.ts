import {
  createContactGroupBody,
  createContactGroupResult,
  delContactGroupBody,
  delContactGroupResult,
  getContactGroupBody,
  getContactGroupResult,
  markContactBody,
  markContactResult,
  searchContactGroupBody,
  searchContactGroupResult,
  updateContactGroupBody,
  updateContactGroupResult,
} from '../schemas/conversation-groups.js';
import { defineRoute } from './route.js';
import { tencent } from './tencent.js';

/** Tencent conversation marks and groups (docs/behaviour.md#marks-and-groups-tencent-im): mark_contact, *_contact_group. */
export const conversationGroupRoutes = {
  markContact: defineRoute({
    ...tencent,
    path: '/v4/recentcontact/mark_contact',
    handler: 'tencent/mark-contact',
    access: 'write',
    summary: 'Set or clear standard (64-bit) and custom conversation marks, 1–100 conversations',
    body: markContactBody,
    response: markContactResult,
  }),
  createContactGroup: defineRoute({
    ...tencent,
    path: '/v4/recentcontact/create_contact_group',
    handler: 'tencent/create-contact-group',
    access: 'write',
    summary: 'Create one conversation group (≤ 20 per user, name ≤ 32 bytes) with its first conversations',
    body: createContactGroupBody,
    response: createContactGroupResult,
  }),
  updateContactGroup: defineRoute({
    ...tencent,
    path: '/v4/recentcontact/update_contact_group',
    handler: 'tencent/update-contact-group',
    access: 'write',
    summary: 'Rename a conversation group, or add/remove its conversations',
    body: updateContactGroupBody,
    response: updateContactGroupResult,
  }),
  delContactGroup: defineRoute({
    ...tencent,
    path: '/v4/recentcontact/del_contact_group',
    handler: 'tencent/del-contact-group',
    access: 'write',
    summary: 'Delete a conversation group; its conversations leave it',
    body: delContactGroupBody,
    response: delContactGroupResult,
  }),
  getContactGroup: defineRoute({
    ...tencent,
    path: '/v4/recentcontact/get_contact_group',
    handler: 'tencent/get-contact-group',
    access: 'read',
    summary: 'All marked or grouped conversations (pages of 100) and every group',
    body: getContactGroupBody,
    response: getContactGroupResult,
  }),
  searchContactGroup: defineRoute({
    ...tencent,
    path: '/v4/recentcontact/search_contact_group',
    handler: 'tencent/search-contact-group',
    access: 'read',
    summary: 'Marks and groups of 1–300 given conversations',
    body: searchContactGroupBody,
    response: searchContactGroupResult,
  }),
};
