import type { StreamReaction } from '../reaction.js';
import { accountDeletionReaction } from './account-deletion.js';
import { deletedEdgeCopies } from './deleted-edge-copies.js';
import { profileCopies } from './profile-copies.js';
import { publishEvents } from './publish-events.js';

/**
 * Every reaction the table's stream consumer runs, in the order a record goes through them
 * (docs/change-stream.md): the copies, account deletion's clean-up (docs/account-deletion.md), then
 * the domain events and Tencent callbacks (docs/events-and-callbacks.md). The event source mapping's
 * filter is built from their `filterPattern`s (at most 5 by default).
 */
export const streamReactions: readonly StreamReaction[] = [profileCopies, deletedEdgeCopies, accountDeletionReaction, publishEvents];
