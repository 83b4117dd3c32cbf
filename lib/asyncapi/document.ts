import * as z from 'zod';
import { CALLBACK_BODY_SCHEMAS } from '../callbacks/schemas.js';
import { CLIENT_IP, OPT_PLATFORM } from '../callbacks/tencent.js';
import { EVENT_SCHEMAS, EVENT_SOURCE } from '../events/catalogue.js';
import { packageVersion } from '../openapi/document.js';

type Json = Record<string, unknown>;

/** A zod schema as an AsyncAPI Schema Object (a superset of JSON Schema draft-07). */
function payloadOf(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as Json;
  return rest;
}

/** `Sns.CallbackFriendAdd` → `SnsCallbackFriendAdd` (component names allow no dots). */
const componentName = (command: string) => command.replace(/\W/g, '');

/**
 * The AsyncAPI 3 document of what Contactbook publishes (docs/events-and-callbacks.md): the domain
 * events on the EventBridge bus (`source` contactbook, `detail-type` the event type, `detail` the
 * event) and the Tencent-compatible callbacks POSTed to the app server. Built from the same zod
 * schemas the code uses, like the OpenAPI document of the routes.
 */
export function asyncApiDocument(): Json {
  const messages: Json = {};
  for (const [type, schema] of Object.entries(EVENT_SCHEMAS)) {
    messages[type] = {
      name: type,
      title: type,
      summary: schema.description,
      contentType: 'application/json',
      payload: payloadOf(schema),
    };
  }
  for (const [command, schema] of Object.entries(CALLBACK_BODY_SCHEMAS)) {
    messages[componentName(command)] = {
      name: command,
      title: command,
      summary: schema.description,
      contentType: 'application/json',
      payload: payloadOf(schema),
    };
  }
  const refs = (names: string[]) => Object.fromEntries(names.map((name) => [name, { $ref: `#/components/messages/${name}` }]));
  const eventNames = Object.keys(EVENT_SCHEMAS);
  const callbackNames = Object.keys(CALLBACK_BODY_SCHEMAS).map(componentName);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Contactbook events and callbacks',
      version: packageVersion(),
      description:
        "Domain events derived from the table's change stream, published to the EventBridge bus `contactbook-<stage>` " +
        `(source \`${EVENT_SOURCE}\`, detail-type = the event type, detail = the event), and the Tencent IM third-party callbacks ` +
        'sent for relationship changes to the configured callback URL. Delivery is at least once: consumers deduplicate by `id`.',
    },
    defaultContentType: 'application/json',
    channels: {
      domainEvents: {
        address: 'contactbook-{stage}',
        title: 'EventBridge bus',
        description: `The custom event bus; every entry has source \`${EVENT_SOURCE}\` and detail-type the event's \`type\`.`,
        parameters: { stage: { description: 'The deployment stage (CDK context `stage`).' } },
        messages: refs(eventNames),
      },
      tencentCallbacks: {
        address: null,
        title: 'Tencent third-party callback URL',
        description:
          'POST to the configured callback URL (TIM_CALLBACK_URL locally, CDK context `timCallbackUrl` in AWS) with the URL ' +
          `parameters SdkAppid, CallbackCommand, contenttype=json, ClientIP (${CLIENT_IP}), OptPlatform (${OPT_PLATFORM}), and, when a ` +
          'callback token is set, RequestTime (s) and Sign = hex SHA-256(token + RequestTime). The app server answers ' +
          '{"ActionStatus":"OK","ErrorCode":0}; anything else is retried with backoff, then dead-lettered.',
        messages: refs(callbackNames),
      },
    },
    operations: {
      publishDomainEvents: {
        action: 'send',
        title: 'Publish domain events',
        channel: { $ref: '#/channels/domainEvents' },
        messages: eventNames.map((name) => ({ $ref: `#/channels/domainEvents/messages/${name}` })),
      },
      sendTencentCallbacks: {
        action: 'send',
        title: 'Send Tencent callbacks',
        channel: { $ref: '#/channels/tencentCallbacks' },
        messages: callbackNames.map((name) => ({ $ref: `#/channels/tencentCallbacks/messages/${name}` })),
      },
    },
    components: { messages },
  };
}
