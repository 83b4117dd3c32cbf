import type { StreamReaction } from '../reaction.js';
import { deletedEdgeCopies } from './deleted-edge-copies.js';
import { profileCopies } from './profile-copies.js';

/**
 * Every reaction the table's stream consumer runs, in the order a record goes through them
 * (docs/change-stream.md). The event source mapping's filter is built from their `filterPattern`s
 * (at most 5 by default).
 */
export const streamReactions: readonly StreamReaction[] = [profileCopies, deletedEdgeCopies];
