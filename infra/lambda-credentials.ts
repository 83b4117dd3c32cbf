/**
 * Stands in for `@aws-sdk/credential-provider-node` in the SDK layer the functions load (an esbuild
 * alias in `infra/sdk-layer.ts`). Lambda hands every function its role's credentials in environment
 * variables, so the rest of the default chain (SSO, ini and process profiles, web identity, IMDS,
 * container endpoints) can never answer there — yet it weighs ≈ 130 KB minified, more than half
 * the SDK, and costs load time on every cold start. `npm start` and the tests run from node_modules
 * and keep the full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
