import { callbackOf } from '../callbacks/tencent.js';
import type { LocalCallbackQueue } from '../callbacks/local-queue.js';
import type { DomainEvent } from './catalogue.js';
import type { EventSink } from './sink.js';

/** Ids are the callers' own text: a log line keeps a short prefix and the length of a long one. */
const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text);

/**
 * The local sink (`npm start`, tests): one log line per event, and the event's Tencent callback, if
 * it gives one, handed to the local callback queue when a callback URL is configured.
 */
export class LocalEventSink implements EventSink {
  constructor(
    private readonly queue: LocalCallbackQueue | undefined,
    private readonly log: (line: string) => void,
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      const callback = callbackOf(event);
      const route = !callback
        ? 'no callback'
        : this.queue
          ? `callback ${callback.command} queued`
          : `callback ${callback.command} not sent (no TIM_CALLBACK_URL)`;
      this.log(`event ${event.type} ${event.id} ${clip(JSON.stringify(event.data))}: ${route}`);
      if (callback) this.queue?.enqueue(callback);
    }
  }
}
