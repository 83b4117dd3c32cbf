import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '../../infra/constructs/cognito-auth.js';
import { ACCEPTED } from '../../infra/nag.js';
import { USERSIG_IDENTITY_SOURCES } from '../../infra/stateless-stack.js';
import {
  INDEX_ACTIONS,
  READ_ACTIONS,
  REGISTER_CALLER_ATTRIBUTES,
  REGISTER_CALLER_LEADING_KEYS,
  WRITE_ACTIONS,
} from '../../infra/table-access.js';
import { routes } from '../../lib/routes/index.js';
import { GLOBAL_INDEXES, TABLE_KEYS } from '../../lib/store/table-definition.js';
import { asList, synthContactbook, type CfnResource, type PolicyStatementJson } from './synth.js';

let deployment: ReturnType<typeof synthContactbook>;
beforeAll(() => {
  deployment = synthContactbook({ alarmEmail: 'ops@example.com' });
});

const resourcesOf = (template: { toJSON(): any }, type: string): Array<[string, CfnResource]> =>
  Object.entries(template.toJSON().Resources as Record<string, CfnResource>).filter(([, resource]) => resource.Type === type);

/** The route's function, found by the description the stack gives it: `GET /user/{id}`. */
function functionOf(description: string): [string, CfnResource] {
  const found = resourcesOf(deployment.api, 'AWS::Lambda::Function').filter(([, fn]) => fn.Properties?.Description === description);
  expect(found, description).toHaveLength(1);
  return found[0]!;
}

/** Every statement of every policy attached to a function's role. */
function statementsOf(fn: CfnResource): PolicyStatementJson[] {
  const roleId = fn.Properties!.Role['Fn::GetAtt'][0] as string;
  return resourcesOf(deployment.api, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties!.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as PolicyStatementJson[]);
}

const dynamoActions = (statements: PolicyStatementJson[]) =>
  statements.flatMap((statement) => asList(statement.Action)).filter((action) => action.startsWith('dynamodb:'));

/** `{"Fn::ImportValue": …TableArn…}` or that joined with `/index/gsi1`, as JSON text. */
const resourceText = (statement: PolicyStatementJson) => JSON.stringify(statement.Resource);

describe('functions', () => {
  it('makes one function per route, and nothing else but the usersig authorizer and the stream consumer', () => {
    for (const route of routes) functionOf(`${route.method} ${route.path}`);
    const functions = resourcesOf(deployment.api, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(routes.length + 2);
  });

  it('gives every function the one SDK layer its bundle imports the SDK from', () => {
    const layers = resourcesOf(deployment.api, 'AWS::Lambda::LayerVersion');
    expect(layers).toHaveLength(1);
    const [layerId, layer] = layers[0]!;
    expect(layer.Properties).toMatchObject({ CompatibleRuntimes: ['nodejs22.x'], CompatibleArchitectures: ['arm64'] });
    for (const [, fn] of resourcesOf(deployment.api, 'AWS::Lambda::Function')) {
      expect(fn.Properties!.Layers).toEqual([{ Ref: layerId }]);
    }
  });

  it('runs every function on nodejs22.x, ARM64, with X-Ray, JSON logs and the table name', () => {
    for (const [, fn] of resourcesOf(deployment.api, 'AWS::Lambda::Function')) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
      const env = fn.Properties!.Environment.Variables as Record<string, unknown>;
      expect(env.POWERTOOLS_SERVICE_NAME).toBe('contactbook-dev');
      if (fn.Properties!.Description.startsWith('Usersig')) expect(env.TABLE_NAME).toBeUndefined();
      else expect(env.TABLE_NAME).toEqual(expect.objectContaining({ 'Fn::ImportValue': expect.any(String) }));
    }
  });

  it('keeps every log group (functions and API access log) for the configured 30 days', () => {
    const logGroups = resourcesOf(deployment.api, 'AWS::Logs::LogGroup');
    expect(logGroups).toHaveLength(routes.length + 3);
    for (const [, group] of logGroups) expect(group.Properties!.RetentionInDays).toBe(30);
  });
});

describe('least privilege, for every function', () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', (description, route) => {
    const [, fn] = functionOf(description);
    const statements = statementsOf(fn);
    const actions = dynamoActions(statements);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.every((action) => !action.includes('*'))).toBe(true);

    const writes = statements.filter((statement) =>
      asList(statement.Action).some((action) => (WRITE_ACTIONS as readonly string[]).includes(action)),
    );
    if (route.access === 'write') {
      expect(new Set(actions)).toEqual(new Set([...READ_ACTIONS, ...WRITE_ACTIONS]));
    } else if (route.auth === 'user') {
      // A read route may only register its caller: PutItem into user/phone records with their attributes.
      expect(writes).toHaveLength(1);
      expect(writes[0]!.Action).toBe('dynamodb:PutItem');
      expect(writes[0]!.Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': REGISTER_CALLER_LEADING_KEYS },
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': REGISTER_CALLER_ATTRIBUTES },
      });
      expect(
        actions.filter((action) => action !== 'dynamodb:PutItem').every((action) => (READ_ACTIONS as readonly string[]).includes(action)),
      ).toBe(true);
    } else {
      expect(writes).toEqual([]);
      expect(new Set(actions)).toEqual(new Set(READ_ACTIONS));
    }

    for (const statement of statements) {
      const resource = resourceText(statement);
      if (asList(statement.Action).some((action) => action.startsWith('dynamodb:'))) {
        // The table and its indexes by name only, never a wildcard.
        const tableArn = deployment.stateless.resolve(deployment.stateful.table.tableArn);
        if (resource.includes('/index/')) {
          expect(statement.Resource).toEqual(GLOBAL_INDEXES.map((index) => ({ 'Fn::Join': ['', [tableArn, `/index/${index.name}`]] })));
          expect(asList(statement.Action)).toEqual([...INDEX_ACTIONS]);
        } else {
          expect(statement.Resource).toEqual(tableArn);
        }
      } else if (statement.Resource === '*') {
        expect(asList(statement.Action).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      } else {
        expect(asList(statement.Action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      }
    }
    expect(JSON.stringify(statements)).not.toContain('secretsmanager');
  });

  it('lets only the usersig authorizer read the Tencent secret, and touch no table', () => {
    const [, authorizer] = functionOf('Usersig check of /v4/* (Lambda REQUEST authorizer)');
    const statements = statementsOf(authorizer);
    expect(dynamoActions(statements)).toEqual([]);
    const secretStatement = statements.find((statement) => asList(statement.Action).includes('secretsmanager:GetSecretValue'));
    expect(resourceText(secretStatement!)).toContain('TimSecretKey');
  });
});

describe('API and authorizers', () => {
  it('guards JWT routes with the Cognito JWT authorizer and each route scope', () => {
    const [[jwtId, jwt]] = resourcesOf(deployment.api, 'AWS::ApiGatewayV2::Authorizer').filter(
      ([, a]) => a.Properties!.AuthorizerType === 'JWT',
    ) as [[string, CfnResource]];
    expect(JSON.stringify(jwt.Properties!.JwtConfiguration.Issuer)).toContain('ProviderURL');
    expect(jwt.Properties!.JwtConfiguration.Audience).toHaveLength(2);
    const apiRoutes = resourcesOf(deployment.api, 'AWS::ApiGatewayV2::Route');
    expect(apiRoutes).toHaveLength(routes.length);
    for (const route of routes.filter((r) => r.auth === 'user')) {
      const [, apiRoute] = apiRoutes.find(([, r]) => r.Properties!.RouteKey === `${route.method} ${route.path}`)!;
      expect(apiRoute.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: jwtId } });
      expect(apiRoute.Properties!.AuthorizationScopes ?? []).toEqual(route.scopes.map((scope) => `contactbook/${scope}`));
    }
    expect(routes.filter((r) => r.dialect === 'featapi').every((r) => r.scopes.length > 0)).toBe(true);
  });

  it('guards /v4/* with the usersig REQUEST authorizer, simple responses, cached by identity', () => {
    const usersigRoutes = routes.filter((r) => r.auth === 'usersig');
    expect(usersigRoutes.length).toBeGreaterThan(0);
    const [[lambdaId, lambdaAuthorizer]] = resourcesOf(deployment.api, 'AWS::ApiGatewayV2::Authorizer').filter(
      ([, a]) => a.Properties!.AuthorizerType === 'REQUEST',
    ) as [[string, CfnResource]];
    expect(lambdaAuthorizer.Properties).toMatchObject({
      IdentitySource: USERSIG_IDENTITY_SOURCES,
      AuthorizerResultTtlInSeconds: 300,
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
    });
    for (const route of usersigRoutes) {
      expect(route.path.startsWith('/v4/')).toBe(true);
      deployment.api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: lambdaId },
      });
    }
  });

  it('sets CORS once on the API, stage throttling and JSON access logs', () => {
    deployment.api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowHeaders: ['authorization', 'content-type'],
        AllowMethods: Match.arrayWith(['GET', 'POST']),
      },
    });
    deployment.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
    // No function sets CORS headers on its own.
    expect(JSON.stringify(resourcesOf(deployment.api, 'AWS::Lambda::Function')).toLowerCase()).not.toContain('access-control');
  });

  it('offers the three API scopes on the Cognito resource server', () => {
    deployment.data.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'contactbook',
      Scopes: Object.keys(API_SCOPES).map((name) => ({ ScopeName: name, ScopeDescription: Match.anyValue() })),
    });
  });
});

describe('stateful stack', () => {
  it('keeps the table: on-demand, PITR, deletion protection, retained, keys and GSI of table-definition', () => {
    const [[, table]] = resourcesOf(deployment.data, 'AWS::DynamoDB::Table') as [[string, CfnResource]];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('has Secrets Manager generate the Tencent key: never in the template in clear', () => {
    const [[, secret]] = resourcesOf(deployment.data, 'AWS::SecretsManager::Secret') as [[string, CfnResource]];
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.Properties!.GenerateSecretString).toBeDefined();
    expect(secret.Properties!.SecretString).toBeUndefined();
    const everything = JSON.stringify([deployment.data.toJSON(), deployment.api.toJSON()]);
    expect(everything).not.toContain('local-tim-secret');
    expect(everything).not.toContain('TIM_SECRET_KEY');
  });

  it('retains the user pool', () => {
    const [[, pool]] = resourcesOf(deployment.data, 'AWS::Cognito::UserPool') as [[string, CfnResource]];
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties!.DeletionProtection).toBe('ACTIVE');
  });
});

describe('alarms', () => {
  it('alarms on 5xx rate, p99 latency, Lambda throttles and DynamoDB errors, each notifying the e-mail topic', () => {
    const alarms = [
      ...resourcesOf(deployment.api, 'AWS::CloudWatch::Alarm'),
      ...resourcesOf(deployment.api, 'AWS::CloudWatch::CompositeAlarm'),
    ];
    const [[topicId]] = resourcesOf(deployment.api, 'AWS::SNS::Topic') as [[string, CfnResource]];
    const notifying = alarms.filter(([, alarm]) => JSON.stringify(alarm.Properties!.AlarmActions ?? []).includes(topicId));
    const described = notifying.map(([, alarm]) => JSON.stringify(alarm.Properties!.AlarmDescription));
    for (const what of ['5xx', 'p99 latency', 'a function was throttled', 'system errors', 'throttled requests']) {
      expect(
        described.some((text) => text.includes(what)),
        what,
      ).toBe(true);
    }
    const latency = notifying.find(([, alarm]) => alarm.Properties!.MetricName === 'Latency')!;
    expect(latency[1].Properties).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 1000 });
    // Every function is in one of the throttle alarms (at most 10 metrics each).
    const throttleAlarms = alarms.filter(([, alarm]) =>
      String(alarm.Properties!.AlarmDescription).startsWith('contactbook dev: throttled:'),
    );
    const watched = throttleAlarms.flatMap(([, alarm]) =>
      (alarm.Properties!.Metrics as any[]).filter((m) => m.MetricStat).map((m) => JSON.stringify(m.MetricStat.Metric.Dimensions)),
    );
    expect(watched).toHaveLength(routes.length + 2);
    deployment.api.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    deployment.api.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    deployment.api.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding', () => {
    const report = new AwsSolutionsChecks(deployment.app).validateScope(deployment.app);
    expect(report.violations.map((v) => `${v.ruleName}: ${JSON.stringify(v.violatingResources.map((r) => r.templatePath))}`)).toEqual([]);
  });

  it('gives every accepted finding a written reason', () => {
    for (const finding of Object.values(ACCEPTED)) expect(finding.reason.length, finding.id).toBeGreaterThan(60);
  });
});
