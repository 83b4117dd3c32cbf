import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { timConfig } from '../config.js';

/**
 * The Tencent app's secret key. Locally it is `TIM_SECRET_KEY`. In AWS it lives in Secrets Manager
 * (`TIM_SECRET_ARN`) and only the usersig authorizer may read it, so route handlers never hold it.
 * The value is cached for a few minutes: one Secrets Manager call per warm container and window,
 * while a key replaced in the console (`put-secret-value`) is picked up without a deploy.
 */
export const SECRET_CACHE_MS = 5 * 60 * 1000;

const cached = new Map<string, { value: string; fetchedAt: number }>();
let client: SecretsManagerClient | undefined;

export async function timSecretKey(now = Date.now()): Promise<string> {
  const { secretKey, secretArn } = timConfig();
  if (secretKey) return secretKey;
  if (!secretArn) throw new Error('TIM_SECRET_KEY or TIM_SECRET_ARN environment variable is not set');
  return secretString(secretArn, now);
}

/** The string value of a Secrets Manager secret, cached for `SECRET_CACHE_MS` (the Tencent key, the callback token). */
export async function secretString(secretArn: string, now = Date.now()): Promise<string> {
  const hit = cached.get(secretArn);
  if (hit && now - hit.fetchedAt < SECRET_CACHE_MS) return hit.value;
  // Lambda sets AWS_REGION; the SDK reads it.
  client ??= new SecretsManagerClient({});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!SecretString) throw new Error(`secret ${secretArn} holds no string value`);
  cached.set(secretArn, { value: SecretString, fetchedAt: now });
  return SecretString;
}

/** Lets tests stand in for Secrets Manager (a client whose `send` they control) and drop the cache. */
export function setSecretsClient(replacement: SecretsManagerClient | undefined): void {
  client = replacement;
  cached.clear();
}
