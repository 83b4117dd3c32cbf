/**
 * `npm run synth`: synthesizes both stacks into cdk.out/ without the CDK CLI (offline: no AWS
 * credentials, no Docker; esbuild from node_modules bundles the functions), then prints each
 * stack's resource count, its CDK warnings and the time it took. Context comes from cdk.json,
 * overridable as `npm run synth -- stage=prod alarmEmail=ops@example.com`.
 * cdk-nag (AwsSolutions) runs as a policy-validation plugin: an unacknowledged finding fails the
 * synth with its report (also written to cdk.out/policy-validation-report.json).
 */
import { App } from 'aws-cdk-lib';
import { cdkJsonContext } from './cdk-context.js';
import { buildContactbook } from './contactbook.js';

const started = performance.now();
const overrides = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const at = arg.indexOf('=');
    if (at < 1) throw new Error(`expected key=value, got ${arg}`);
    const value = arg.slice(at + 1);
    // Lists as JSON, like the CLI's -c: `aws:cdk:bundling-stacks=[]` skips bundling.
    return [arg.slice(0, at), value.startsWith('[') ? (JSON.parse(value) as unknown) : value];
  }),
);
const app = new App({ outdir: 'cdk.out', context: { ...cdkJsonContext(), ...overrides } });
const { stateful, stateless } = buildContactbook(app);
const assembly = app.synth();

for (const stack of [stateful, stateless]) {
  const artifact = assembly.getStackByName(stack.stackName);
  const resources = Object.keys((artifact.template as { Resources?: object }).Resources ?? {}).length;
  const warnings = artifact.messages.filter((message) => message.level !== 'info');
  console.log(`${stack.stackName}: ${resources} resources, ${warnings.length} CDK warnings`);
  for (const message of warnings) console.log(`  ${message.level} ${message.id}: ${String(message.entry.data).split('\n')[0]}`);
}
console.log(
  `cdk-nag AwsSolutions: no unacknowledged findings; synthesized to cdk.out/ in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
