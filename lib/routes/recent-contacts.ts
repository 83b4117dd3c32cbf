import { defineRoute, type Route } from './route.js';
import { tencent } from './tencent.js';

/** Tencent recent-contact list (SPEC §7): get_list, delete, top. */
void defineRoute;
void tencent;
export const recentContactRoutes: Record<string, Route> = {};
