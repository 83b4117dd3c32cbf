import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { RESOURCE_SERVER_ID } from '../../lib/auth/scopes.js';

export { RESOURCE_SERVER_ID };
/** The OAuth scopes routes ask for (route table `scopes`), served by the `contactbook` resource server. */
export const API_SCOPES = {
  party_contact: 'FeatAPI contact list',
  party_message: 'FeatAPI messages (mark read)',
  party_admin: 'App server: groups and activity ingestion',
} as const;

export interface CognitoAuthProps {
  stage: string;
  /** @default `contactbook-<stage>-<account>` */
  domainPrefix?: string;
  /** Where the hosted UI sends the app back with its code. */
  callbackUrls: string[];
}

/**
 * The default identity provider (docs/behaviour.md#callers-and-credentials): a user pool, its hosted domain, a resource server with
 * the API's scopes, a public app client for end users (authorization code + PKCE; SRP sign-in)
 * and a confidential client for the app's own server (client credentials, `party_admin`).
 * The HTTP API's JWT authorizer accepts tokens of both clients.
 */
export class CognitoAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly appClient: cognito.UserPoolClient;
  readonly serverClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: CognitoAuthProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { nickname: { required: false, mutable: true }, phoneNumber: { required: false, mutable: true } },
      passwordPolicy: { minLength: 10, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `contactbook-${props.stage}-${Stack.of(this).account}` },
    });
    const resourceServer = this.userPool.addResourceServer('Api', {
      identifier: RESOURCE_SERVER_ID,
      scopes: Object.entries(API_SCOPES).map(
        ([scopeName, scopeDescription]) => new cognito.ResourceServerScope({ scopeName, scopeDescription }),
      ),
    });
    const apiScope = (name: keyof typeof API_SCOPES) =>
      cognito.OAuthScope.resourceServer(
        resourceServer,
        new cognito.ResourceServerScope({ scopeName: name, scopeDescription: API_SCOPES[name] }),
      );

    this.appClient = this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.EMAIL,
          cognito.OAuthScope.PROFILE,
          apiScope('party_contact'),
          apiScope('party_message'),
        ],
        callbackUrls: props.callbackUrls,
      },
    });
    this.serverClient = this.userPool.addClient('ServerClient', {
      generateSecret: true,
      accessTokenValidity: Duration.hours(1),
      oAuth: { flows: { clientCredentials: true }, scopes: [apiScope('party_admin')] },
    });
  }

  /** The issuer the JWT authorizer trusts. */
  get issuer(): string {
    return this.userPool.userPoolProviderUrl;
  }

  /** Cognito access tokens carry `client_id` (not `aud`); API Gateway accepts either. */
  get audience(): string[] {
    return [this.appClient.userPoolClientId, this.serverClient.userPoolClientId];
  }
}
