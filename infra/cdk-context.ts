import { readFileSync } from 'node:fs';

/** The context of cdk.json: what `cdk deploy` sees, for `npm run synth` and the template tests. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}
