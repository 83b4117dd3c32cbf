import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext } from '../../infra/cdk-context.js';
import { buildContactbook, type Contactbook } from '../../infra/contactbook.js';

/**
 * Synthesizes the deployment the way `cdk deploy` would (cdk.json context, cdk-nag attached), minus
 * what makes synth slow and adds nothing to template checks: esbuild bundling (skipped for every
 * stack) and CDK's built-in CloudFormation schema validation (`npm run synth` keeps it).
 */
export function synthContactbook(context: Record<string, unknown> = {}): Contactbook & { app: App; data: Template; api: Template } {
  process.env.CDK_VALIDATION = 'false';
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  const built = buildContactbook(app);
  app.synth();
  return { ...built, app, data: Template.fromStack(built.stateful), api: Template.fromStack(built.stateless) };
}

export type CfnResource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
export type PolicyStatementJson = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, any>;
};

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
