import { describe, expect, it } from 'vitest';
import { signJwt } from '../../lib/auth/jwt.js';
import { localToken, useLocalServer } from '../support/http-client.js';
import { FEAT_TIME } from './helpers.js';

/** The FeatAPI family as a client sees it, through the local HTTP server (API Gateway's part played locally). */
const { request } = useLocalServer();
const token = (sub: string, scope?: string) => localToken(sub, scope === undefined ? {} : { scope });

describe('FeatAPI over HTTP', () => {
  it('apply, accept, get_contact (with FeatAPI trailing slashes), list and black_list', async () => {
    const alice = token('h-alice');
    const bob = token('h-bob');
    await request('GET', '/api/party/contact-list/black_list/', { token: bob }); // bob's first call creates bob
    expect(
      (await request('POST', '/api/party/contact-list/update_relation/', { token: alice, body: { action: 'apply', friend: 'h-bob' } })).body
        .data.status,
    ).toBe(100);
    expect(
      (await request('POST', '/api/party/contact-list/update_relation/', { token: bob, body: { action: 'accept', friend: 'h-alice' } }))
        .body.data.status,
    ).toBe(300);

    const contact = await request('GET', '/api/party/contact-list/get_contact/?user=h-bob', { token: alice });
    expect(contact.status).toBe(200);
    expect(contact.body.data).toMatchObject({
      friend: 'h-bob',
      group: null,
      status: 300,
      unread_count: 0,
      contact_time: expect.stringMatching(FEAT_TIME),
    });

    const list = await request('GET', '/api/party/contact-list/?area=inbox&page_size=10', { token: alice });
    expect(list.body.data).toMatchObject({ next: null, previous: null, results: [{ friend: 'h-bob', status: 300 }] });
    expect((await request('GET', '/api/party/contact-list/black_list/', { token: alice })).body).toEqual({ data: [] });
  });

  it('answers 401 without a valid token and 403 without the scope, in FeatAPI format', async () => {
    expect(await request('GET', '/api/party/contact-list/get_contact/?user=x')).toMatchObject({
      status: 401,
      body: { detail: expect.any(String) },
    });
    const forged = signJwt({ sub: 'h-eve', scope: 'party_contact' }, 'not-the-secret');
    expect((await request('GET', '/api/party/contact-list/get_contact/?user=x', { token: forged })).status).toBe(401);
    expect((await request('GET', '/api/party/contact-list/get_contact/?user=x', { token: token('h-eve', 'party_message') })).status).toBe(
      403,
    );
    expect((await request('GET', '/api/party/contact-list/get_contact/?user=nobody', { token: token('h-eve') })).body).toEqual({
      detail: 'Not found.',
    });
  });
});
