import type { DynamoDBRecord } from 'aws-lambda';

/**
 * One kind of work that follows a change, run by the table's stream consumer (docs/change-stream.md).
 * The consumer hands every record of a batch to each reaction that wants it; a reaction must be
 * idempotent (a record may be delivered again, out of order, or after a consumer was cut off half way).
 */
export interface StreamReaction {
  /** Short name for logs and metrics, e.g. `profile-copies`. */
  readonly name: string;
  /**
   * The Lambda event-source-mapping filter pattern (the JSON object of one `FilterCriteria.Filters[].Pattern`)
   * that selects the records this reaction acts on, so the consumer wakes only for those.
   */
  readonly filterPattern: Record<string, unknown>;
  /** The same test as `filterPattern`, in code: the local poller and the consumer both apply it. */
  wants(record: DynamoDBRecord): boolean;
  /** Does the work for one record; throws to have the record retried (and, after the last try, dead-lettered). */
  apply(record: DynamoDBRecord): Promise<void>;
}
