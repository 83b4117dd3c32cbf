/**
 * The CDK app (`cdk.json`: `npx tsx infra/app.ts`), run by `cdk diff` / `cdk deploy`. The CLI sets
 * CDK_OUTDIR, so the app synthesizes itself on exit. `npm run synth` uses `infra/synth.ts` instead
 * (same app, no CLI: works offline).
 */
import { App } from 'aws-cdk-lib';
import { buildContactbook } from './contactbook.js';

buildContactbook(new App());
