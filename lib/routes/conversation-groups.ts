import { defineRoute, type Route } from './route.js';
import { tencent } from './tencent.js';

/** Tencent conversation marks and groups (SPEC §5): mark_contact, *_contact_group. */
void defineRoute;
void tencent;
export const conversationGroupRoutes: Record<string, Route> = {};
