import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { routes as routeTable } from '../lib/routes/index.js';
import type { Route } from '../lib/routes/route.js';
import { deployConfig, type DeployConfig } from './config.js';
import { suppressAcceptedFindings } from './nag.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export interface Contactbook {
  config: DeployConfig;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/**
 * The whole deployment on `app`: the stateful stack (data, secret, identity) and the stateless one
 * (functions, API, operations), checked by cdk-nag's AwsSolutions pack. Stack names carry the
 * stage: `Contactbook-<stage>-data`, `Contactbook-<stage>-api`. `routes` defaults to the route
 * table; tests pass their own to cover route kinds the table may not have yet.
 */
export function buildContactbook(app: App, options: { routes?: readonly Route[] } = {}): Contactbook {
  const config = deployConfig(app.node);
  const prefix = `Contactbook-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-data`, config, {
    description: `Contactbook ${config.stage}: table, Tencent secret, user pool (retained on delete)`,
    terminationProtection: true,
  });
  const stateless = new StatelessStack(app, `${prefix}-api`, {
    description: `Contactbook ${config.stage}: HTTP API, one function per route, alarms and dashboard`,
    config,
    table: stateful.table,
    timSecret: stateful.timSecret,
    jwt: stateful.jwt,
    routes: options.routes ?? routeTable,
  });
  Tags.of(app).add('app', 'contactbook');
  Tags.of(app).add('stage', config.stage);
  suppressAcceptedFindings(stateful, stateless);
  // Synth fails on any unacknowledged finding (cdk.out/policy-validation-report.json lists them).
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { config, stateful, stateless };
}
