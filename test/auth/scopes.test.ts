import { describe, expect, it } from 'vitest';
import { grantedScopes } from '../../lib/auth/scopes.js';

describe('granted scopes', () => {
  it("reads bare scopes and those of the stack's Cognito resource server", () => {
    expect(grantedScopes('party_contact contactbook/party_message  openid')).toEqual(new Set(['party_contact', 'party_message', 'openid']));
    expect(grantedScopes(undefined, ['contactbook/party_admin'])).toEqual(new Set(['party_admin']));
  });

  it('grants nothing for a scope under another resource server', () => {
    expect(grantedScopes('evil/party_contact other/contactbook/party_contact')).toEqual(new Set());
  });
});
