import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type DomainEvent } from './catalogue.js';
import type { EventSink } from './sink.js';

/** PutEvents takes at most 10 entries a call. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
/** Attempts of the entries a PutEvents call did not take (throttling, internal failure), with doubling waits from 100 ms. */
export const PUT_EVENTS_ATTEMPTS = 4;

const entryOf = (busName: string, event: DomainEvent): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: EVENT_SOURCE,
  DetailType: event.type,
  Time: new Date(event.time),
  Detail: JSON.stringify(event),
});

/**
 * The AWS sink: PutEvents in batches of 10, retrying only the entries a call reports as failed;
 * entries still failing after the last attempt make `publish` throw, so the stream retries the record.
 */
export class EventBridgeSink implements EventSink {
  constructor(
    private readonly busName: string,
    private readonly client: Pick<EventBridgeClient, 'send'> = new EventBridgeClient({}),
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += PUT_EVENTS_MAX_ENTRIES) {
      await this.putBatch(events.slice(i, i + PUT_EVENTS_MAX_ENTRIES).map((event) => entryOf(this.busName, event)));
    }
  }

  private async putBatch(entries: PutEventsRequestEntry[]): Promise<void> {
    let left = entries;
    for (let attempt = 1; ; attempt++) {
      const out = await this.client.send(new PutEventsCommand({ Entries: left }));
      if (!out.FailedEntryCount) return;
      // Results are in request order; a failed one carries an ErrorCode.
      const failed = left.filter((_, index) => out.Entries?.[index]?.ErrorCode !== undefined);
      if (attempt === PUT_EVENTS_ATTEMPTS) {
        const codes = [...new Set((out.Entries ?? []).map((entry) => entry.ErrorCode).filter(Boolean))].join(', ');
        throw new Error(`PutEvents: ${failed.length} of ${entries.length} events not accepted after ${attempt} attempts (${codes})`);
      }
      left = failed;
      await this.pause(100 * 2 ** (attempt - 1));
    }
  }
}
