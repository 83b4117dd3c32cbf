import { AssetHashType } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SDK_LAYER_ZIP_DIR } from '../bundling.js';
import { buildSdkLayer } from '../sdk-layer.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The stack's AWS SDK layer (`infra/sdk-layer.ts`), built at synth with esbuild from node_modules
 * (no Docker). Its asset is named by the hash of what was built, so a new SDK version or a new
 * imported name makes a new layer version, and the functions move to it in the same deploy.
 */
export class SdkLayer extends lambda.LayerVersion {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      description: 'AWS SDK for the Contactbook functions (infra/sdk-layer.ts)',
      compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
      compatibleArchitectures: [lambda.Architecture.ARM_64],
      code: lambda.Code.fromAsset(PROJECT_ROOT, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Only used if local bundling failed, which it does not: esbuild runs in this process.
          image: lambda.Runtime.NODEJS_22_X.bundlingImage,
          local: {
            tryBundle(outputDir: string) {
              buildSdkLayer(join(outputDir, SDK_LAYER_ZIP_DIR));
              return true;
            },
          },
        },
      }),
    });
  }
}
