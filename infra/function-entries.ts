import { fileURLToPath } from 'node:url';
import { routes } from '../lib/routes/index.js';

/** The usersig authorizer's module under `functions/`. */
export const USERSIG_AUTHORIZER_HANDLER = 'authorizers/usersig';

/** The table stream consumer's module under `functions/` (docs/change-stream.md). */
export const STREAM_CONSUMER_HANDLER = 'stream/consumer';

/** Absolute path of a module under `functions/` (`friendship/invite` → `/…/functions/friendship/invite.ts`). */
export function functionEntry(handler: string): string {
  return fileURLToPath(new URL(`../functions/${handler}.ts`, import.meta.url));
}

/** The Tencent callback dispatcher's module under `functions/` (deployed when a callback URL is configured). */
export const CALLBACK_DISPATCHER_HANDLER = 'callbacks/dispatcher';

/** Every function the stack deploys: one per route of the table, the usersig authorizer, the stream consumer, the callback dispatcher. */
export function functionEntries(): Array<{ handler: string; entry: string }> {
  const handlers = [
    ...routes.map((route) => route.handler),
    USERSIG_AUTHORIZER_HANDLER,
    STREAM_CONSUMER_HANDLER,
    CALLBACK_DISPATCHER_HANDLER,
  ];
  return handlers.map((handler) => ({ handler, entry: functionEntry(handler) }));
}
