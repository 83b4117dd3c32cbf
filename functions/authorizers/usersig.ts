import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import * as z from 'zod';
import { timSecretKey } from '../../lib/auth/tim-secret.js';
import { timConfig } from '../../lib/config.js';
import { checkUsersig } from '../../lib/http/identity.js';
import { clipForLog, logger } from '../../lib/observability.js';

/** What `lib/http/identity.ts` `adminCaller` reads from `requestContext.authorizer.lambda`. */
export interface UsersigContext {
  [key: string]: string | number;
  usersigCode: number;
  usersigReason: string;
}

/** The identity sources (all three are present, or API Gateway answers 401 without calling us). */
const usersigQuery = z.object({ sdkappid: z.string(), identifier: z.string(), usersig: z.string() });

/**
 * Lambda REQUEST authorizer of `/v4/*` (simple responses, cached by identity). Tencent answers a bad
 * usersig with HTTP 200 and its own code, so every request is let through and the outcome of the
 * shared check (`lib/auth/usersig.ts`) travels in the context; the handler turns a non-zero code
 * into Tencent's error body and also checks the app id and the admin identifier.
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<UsersigContext>> {
  const query = usersigQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) return { isAuthorized: true, context: { usersigCode: 70003, usersigReason: 'UserSig missing' } };
  const { identifier, usersig } = query.data;
  const outcome = checkUsersig(usersig, identifier, timConfig().sdkAppId, await timSecretKey());
  if (outcome.code !== 0) {
    logger.info('usersig refused', { identifier: clipForLog(identifier), code: outcome.code, reason: outcome.reason });
  }
  return { isAuthorized: true, context: { usersigCode: outcome.code, usersigReason: outcome.reason } };
}
