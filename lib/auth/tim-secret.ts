import { timConfig } from '../config.js';

/**
 * The Tencent app's secret key. Locally it is `TIM_SECRET_KEY`; in AWS the key lives in Secrets
 * Manager and only the usersig authorizer reads it (see infra), so handlers never need it there.
 */
export async function timSecretKey(): Promise<string> {
  const { secretKey } = timConfig();
  if (!secretKey) throw new Error('TIM_SECRET_KEY environment variable is not set');
  return secretKey;
}
