import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { GLOBAL_INDEXES, TABLE_KEYS } from '../lib/store/table-definition.js';
import type { DeployConfig } from './config.js';
import { CognitoAuth, RESOURCE_SERVER_ID } from './constructs/cognito-auth.js';

/** `lib/store/ingest.ts` stamps ingestion markers with `expiresAt` (epoch seconds) for the table TTL. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Who signs the JWTs the API accepts, and how route scopes appear in them. */
export interface JwtTrust {
  issuer: string;
  audience: string[];
  /** Cognito resource-server scopes are `contactbook/party_contact`; an external issuer's are plain. */
  scopePrefix: string;
}

/**
 * Everything that holds data or identity and must outlive code deploys: the table, the Tencent
 * secret key and (unless an external OIDC issuer is configured) the Cognito user pool. All are
 * retained when the stack is deleted.
 */
export class StatefulStack extends Stack {
  readonly table: dynamodb.Table;
  readonly timSecret: secretsmanager.Secret;
  readonly jwt: JwtTrust;
  readonly auth: CognitoAuth | undefined;

  constructor(scope: Construct, id: string, config: DeployConfig, props?: StackProps) {
    super(scope, id, props);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // What follows a change runs on the stream, off the request path (docs/change-stream.md).
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });
    for (const index of GLOBAL_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Generated at deploy time by Secrets Manager (never in the template). Put the key of the
    // Tencent console here: `aws secretsmanager put-secret-value` (docs/operations.md#deploy).
    this.timSecret = new secretsmanager.Secret(this, 'TimSecretKey', {
      description: `Tencent IM app secret key (usersig HMAC) — contactbook ${config.stage}`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    if (config.issuer && config.audience) {
      this.auth = undefined;
      this.jwt = { issuer: config.issuer, audience: config.audience, scopePrefix: '' };
    } else {
      this.auth = new CognitoAuth(this, 'Auth', {
        stage: config.stage,
        callbackUrls: config.authCallbackUrls,
        ...(config.authDomainPrefix ? { domainPrefix: config.authDomainPrefix } : {}),
      });
      this.jwt = { issuer: this.auth.issuer, audience: this.auth.audience, scopePrefix: `${RESOURCE_SERVER_ID}/` };
    }
  }
}
