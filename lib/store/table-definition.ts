/**
 * The single table's keys and indexes, shared by the CDK stack, `npm start` and the tests so the
 * three can never drift. GSI1 orders a user's records by time (contact lists, newest first) and finds a
 * user by phone.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const GSI1 = { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;
/** GSI2 (sparse): my contacts of the users I block, and the C2C conversation marks naming an account, ordered by `gsi1sk`. */
export const GSI2 = { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: GSI1.sortKey } as const;
/** GSI3: Tencent get_list, my listed contacts pinned apart (`recentContactsIndex`), ordered by the contact's `gsi1sk`. */
export const GSI3 = { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: GSI1.sortKey } as const;
/** Every GSI (projection ALL): the local table, the CDK table and the functions' Query grants are made from this list. */
export const GLOBAL_INDEXES = [GSI1, GSI2, GSI3] as const;
