import { PutEventsCommand, type PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../lib/events/catalogue.js';
import { EventBridgeSink, PUT_EVENTS_ATTEMPTS } from '../../lib/events/eventbridge-sink.js';

const event = (n: number): DomainEvent => ({
  id: `rec-${n}:0`,
  type: 'Blocked',
  time: 1_700_000_000_000 + n,
  actor: `u${n}`,
  data: { from: `u${n}`, to: 'x' },
});

/** A PutEvents stand-in that refuses the entries `refuse` picks, and records every call. */
function fakeBus(refuse: (detail: DomainEvent, call: number) => boolean) {
  const calls: DomainEvent[][] = [];
  return {
    calls,
    client: {
      async send(command: PutEventsCommand): Promise<PutEventsCommandOutput> {
        const entries = command.input.Entries ?? [];
        const events = entries.map((entry) => JSON.parse(entry.Detail!) as DomainEvent);
        calls.push(events);
        const results = events.map((detail) =>
          refuse(detail, calls.length) ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' } : { EventId: detail.id },
        );
        return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results, $metadata: {} };
      },
    },
  };
}

const noPause = async () => {};

describe('EventBridge sink', () => {
  it('puts events in batches of at most 10, each entry on the bus with source contactbook and the event type', async () => {
    const bus = fakeBus(() => false);
    const entries: unknown[] = [];
    const client = { send: async (command: PutEventsCommand) => (entries.push(...command.input.Entries!), bus.client.send(command)) };
    await new EventBridgeSink('contactbook-events', client, noPause).publish(Array.from({ length: 23 }, (_, i) => event(i)));
    expect(bus.calls.map((call) => call.length)).toEqual([10, 10, 3]);
    expect(entries[0]).toMatchObject({
      EventBusName: 'contactbook-events',
      Source: 'contactbook',
      DetailType: 'Blocked',
      Time: new Date(1_700_000_000_000),
    });
  });

  it('retries only the entries a call did not take, until they are taken', async () => {
    const bus = fakeBus((detail, call) => call < 3 && detail.actor === 'u2');
    await new EventBridgeSink('bus', bus.client, noPause).publish([event(1), event(2), event(3)]);
    expect(bus.calls.map((call) => call.map((e) => e.actor))).toEqual([['u1', 'u2', 'u3'], ['u2'], ['u2']]);
  });

  it('throws when entries are still refused after the last attempt, so the stream retries the record', async () => {
    const bus = fakeBus((detail) => detail.actor === 'u2');
    await expect(new EventBridgeSink('bus', bus.client, noPause).publish([event(1), event(2)])).rejects.toThrow(
      /1 of 2 events not accepted/,
    );
    expect(bus.calls).toHaveLength(PUT_EVENTS_ATTEMPTS);
  });
});
