/**
 * OAuth scopes of the JWT routes. Tokens name them bare (`party_contact`, local tokens and most OIDC
 * issuers) or under the stack's Cognito resource server (`contactbook/party_contact`); no other
 * prefix counts, so `evil/party_contact` grants nothing.
 */
export const RESOURCE_SERVER_ID = 'contactbook';

/** The scope names a token grants, from its space-separated `scope` claim and any extra list. */
export function grantedScopes(scopeClaim: unknown, extra: readonly string[] | null | undefined = []): Set<string> {
  const raw = [...(typeof scopeClaim === 'string' ? scopeClaim.split(/\s+/) : []), ...(extra ?? [])].filter(Boolean);
  const prefix = `${RESOURCE_SERVER_ID}/`;
  return new Set(
    raw
      .filter((scope) => !scope.includes('/') || scope.startsWith(prefix))
      .map((scope) => (scope.startsWith(prefix) ? scope.slice(prefix.length) : scope)),
  );
}
