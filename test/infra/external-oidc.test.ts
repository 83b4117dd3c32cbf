import { describe, expect, it } from 'vitest';
import { routes } from '../../lib/routes/index.js';
import { synthContactbook } from './synth.js';

describe('an external OIDC issuer instead of Cognito', () => {
  const issuer = 'https://login.example.com/';
  const { data, api } = synthContactbook({ issuer, audience: 'contactbook-app,contactbook-server' });

  it('makes no user pool, and trusts the issuer and audience given', () => {
    data.resourceCountIs('AWS::Cognito::UserPool', 0);
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: issuer, Audience: ['contactbook-app', 'contactbook-server'] },
    });
  });

  it('asks for the route scopes as they are (no Cognito resource-server prefix)', () => {
    const featapi = routes.find((route) => route.scopes.length > 0)!;
    api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: `${featapi.method} ${featapi.path}`,
      AuthorizationScopes: [...featapi.scopes],
    });
  });

  it('refuses an issuer without an audience', () => {
    expect(() => synthContactbook({ issuer })).toThrow(/issuer and audience go together/);
  });
});
