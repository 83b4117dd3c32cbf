import type { DynamoDBRecord } from 'aws-lambda';
import { LocalCallbackQueue } from '../../callbacks/local-queue.js';
import { callbackConfig, eventsConfig, observabilityConfig, timConfig } from '../../config.js';
import { EventBridgeSink } from '../../events/eventbridge-sink.js';
import { eventsFromRecord } from '../../events/from-record.js';
import { LocalEventSink } from '../../events/local-sink.js';
import type { EventSink } from '../../events/sink.js';
import { BLOCK_PREFIX, FRIEND_PREFIX, USER_PROFILE_SK } from '../../store/keys.js';
import type { StreamReaction } from '../reaction.js';

/** The items domain events come from (`events/from-record.ts`): friendship edges, blacklist entries, profiles. */
const EVENT_ITEMS = [{ prefix: FRIEND_PREFIX }, { prefix: BLOCK_PREFIX }, USER_PROFILE_SK];

const sortKeyOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.sk?.S;

/** The publish reaction over a given sink: the events a record stands for, handed to the sink. */
export function publishEventsReaction(sink: () => EventSink): StreamReaction {
  return {
    name: 'publish-events',
    filterPattern: { dynamodb: { Keys: { sk: { S: EVENT_ITEMS } } } },
    wants(record) {
      const sk = sortKeyOf(record);
      return sk !== undefined && (sk === USER_PROFILE_SK || sk.startsWith(FRIEND_PREFIX) || sk.startsWith(BLOCK_PREFIX));
    },
    async apply(record) {
      const events = eventsFromRecord(record);
      if (events.length) await sink().publish(events);
    },
  };
}

/** One line per event on stdout (`npm start`), unless logging is off (`LOG_LEVEL=SILENT`, as the tests run). */
const eventLine = (line: string) => {
  if (observabilityConfig().logLevel !== 'SILENT') console.log(line);
};

let configured: EventSink | undefined;
let localQueue: LocalCallbackQueue | undefined;

/**
 * The sink of this process: the EventBridge bus when `EVENT_BUS_NAME` is set (AWS), else the local
 * sink with its callback queue (`npm start`, tests), which delivers to `TIM_CALLBACK_URL`.
 */
export function configuredEventSink(log: (line: string) => void = eventLine): EventSink {
  if (configured) return configured;
  const { busName, inLambda } = eventsConfig();
  if (busName) return (configured = new EventBridgeSink(busName));
  if (inLambda) throw new Error('EVENT_BUS_NAME environment variable is not set');
  const { url, token, timeoutMs, retryDelaysMs, deadLetterFile } = callbackConfig();
  localQueue = url
    ? new LocalCallbackQueue({ target: { url, token, timeoutMs, sdkAppId: timConfig().sdkAppId }, retryDelaysMs, deadLetterFile, log })
    : undefined;
  return (configured = new LocalEventSink(localQueue, log));
}

/** The local callback queue of this process, if one was made (for `npm start` to wait on or close). */
export const localCallbackQueue = (): LocalCallbackQueue | undefined => localQueue;

/** Publishes every record's domain events: to EventBridge in AWS, to the local callback queue locally. */
export const publishEvents: StreamReaction = publishEventsReaction(() => configuredEventSink());
