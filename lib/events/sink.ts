import type { DomainEvent } from './catalogue.js';

/**
 * Where the stream consumer's publish reaction hands domain events (docs/events-and-callbacks.md):
 * the EventBridge bus in AWS (`eventbridge-sink.ts`), the local callback queue under `npm start`
 * (`local-sink.ts`). `publish` resolves once every event is accepted, and throws otherwise, so the
 * stream record is retried (an event may then be published twice, with the same id).
 */
export interface EventSink {
  publish(events: readonly DomainEvent[]): Promise<void>;
}
