import specs from '@asyncapi/specs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { asyncApiDocument } from '../../lib/asyncapi/document.js';
import { CALLBACK_BODY_SCHEMAS } from '../../lib/callbacks/schemas.js';
import { callbackOf } from '../../lib/callbacks/tencent.js';
import { EVENT_SCHEMAS, type DomainEvent } from '../../lib/events/catalogue.js';
import { servedDocument, writtenDocument } from '../support/documents.js';

const document = asyncApiDocument();

/** Samples of every event, as the stream gives them. */
const SAMPLES: DomainEvent[] = [
  { id: 'r1:0', type: 'FriendRequestSent', time: 1, actor: 'a', data: { from: 'a', to: 'b' } },
  { id: 'r2:0', type: 'FriendAdded', time: 2, actor: 'b', data: { from: 'b', to: 'a', initiator: 'a', via: 'accept' } },
  { id: 'r3:0', type: 'FriendDeleted', time: 3, actor: 'a', data: { from: 'a', friends: ['b', 'c'], cause: 'delete' } },
  { id: 'r4:0', type: 'Blocked', time: 4, actor: 'a', data: { from: 'a', to: 'b' } },
  { id: 'r5:0', type: 'Unblocked', time: 5, actor: 'a', data: { from: 'a', to: 'b' } },
  { id: 'r6:0', type: 'ProfileChanged', time: 6, actor: 'a', data: { userId: 'a', changed: ['nickname'] } },
  { id: 'r7:0', type: 'AccountDeleted', time: 7, actor: 'a', data: { userId: 'a' } },
];

describe('the AsyncAPI document', () => {
  it('is a valid AsyncAPI 3.0.0 document (the official JSON schema of @asyncapi/specs)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(specs.schemasWithoutId['3.0.0'] as object);
    const valid = validate(document);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(valid).toBe(true);
    // The validator does refuse a broken document.
    expect(validate({ ...document, channels: { broken: { address: 5 } } })).toBe(false);
  });

  it('has one message per event of the catalogue and per callback command, and each sample matches its payload schema', () => {
    const messages = (document.components as { messages: Record<string, { name: string; payload: object }> }).messages;
    expect(
      Object.values(messages)
        .map((message) => message.name)
        .sort(),
    ).toEqual([...Object.keys(EVENT_SCHEMAS), ...Object.keys(CALLBACK_BODY_SCHEMAS)].sort());
    const ajv = new Ajv({ strict: false });
    for (const event of SAMPLES) {
      expect(ajv.validate(messages[event.type]!.payload, event), event.type).toBe(true);
      const callback = callbackOf(event);
      if (!callback) continue;
      const message = Object.values(messages).find((m) => m.name === callback.command)!;
      expect(ajv.validate(message.payload, callback.body), callback.command).toBe(true);
      expect(CALLBACK_BODY_SCHEMAS[callback.command].safeParse(callback.body).success).toBe(true);
    }
    expect(ajv.validate(messages.Blocked!.payload, { ...SAMPLES[3], data: {} })).toBe(false);
  });

  it('is what `npm run asyncapi` writes', () => {
    expect(writtenDocument('lib/asyncapi/write.ts')).toEqual(document);
  });

  it('is served by the local server at GET /asyncapi.json', async () => {
    expect(await servedDocument('/asyncapi.json')).toEqual(document);
  });
});
