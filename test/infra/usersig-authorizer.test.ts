import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../functions/authorizers/usersig.js';
import { SECRET_CACHE_MS, setSecretsClient, timSecretKey } from '../../lib/auth/tim-secret.js';
import { adminCaller } from '../../lib/http/identity.js';
import { TIM, usersig } from '../support/tim.js';

/* The cloud path: no key in the environment, only the secret's ARN (set before config is first read). */
delete process.env.TIM_SECRET_KEY;
process.env.TIM_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tim-AbCdEf';

/** Stands in for Secrets Manager: counts GetSecretValue calls and answers with `key`. */
function fakeSecrets(key: string) {
  const calls: unknown[] = [];
  const client = {
    send: async (command: { input: unknown }) => {
      calls.push(command.input);
      return { SecretString: key };
    },
  };
  setSecretsClient(client as unknown as SecretsManagerClient);
  return calls;
}

function authorizerEvent(query: Record<string, string>): APIGatewayRequestAuthorizerEventV2 {
  return {
    type: 'REQUEST',
    routeArn: 'arn:route',
    identitySource: Object.values(query),
    queryStringParameters: query,
  } as unknown as APIGatewayRequestAuthorizerEventV2;
}

const adminQuery = (sig = usersig()) => ({ sdkappid: String(TIM.sdkAppId), identifier: TIM.admin, usersig: sig });

describe('usersig authorizer', () => {
  beforeEach(() => setSecretsClient(undefined));

  it('reads the key from Secrets Manager and passes a good usersig with code 0', async () => {
    const calls = fakeSecrets(TIM.key);
    const result = await handler(authorizerEvent(adminQuery()));
    expect(result).toEqual({ isAuthorized: true, context: { usersigCode: 0, usersigReason: '' } });
    expect(calls).toEqual([{ SecretId: process.env.TIM_SECRET_ARN }]);
  });

  it("lets a bad usersig through with Tencent's code, for the handler to answer with HTTP 200", async () => {
    fakeSecrets('another-key');
    expect(await handler(authorizerEvent(adminQuery()))).toEqual({
      isAuthorized: true,
      context: { usersigCode: 70009, usersigReason: 'UserSig verification failed' },
    });
    expect((await handler(authorizerEvent(adminQuery('not-a-usersig')))).context.usersigCode).toBe(70003);
    expect((await handler(authorizerEvent({ sdkappid: '1', identifier: 'x' }))).context.usersigCode).toBe(70003);
  });

  it('caches the key for a few minutes, then reads it again', async () => {
    const calls = fakeSecrets(TIM.key);
    const now = Date.now();
    await timSecretKey(now);
    await timSecretKey(now + SECRET_CACHE_MS - 1);
    expect(calls).toHaveLength(1);
    await timSecretKey(now + SECRET_CACHE_MS);
    expect(calls).toHaveLength(2);
  });

  it('hands its outcome to the handler side, which refuses with that code (the two stay in step)', async () => {
    fakeSecrets('another-key');
    const { context } = await handler(authorizerEvent(adminQuery()));
    const event = {
      queryStringParameters: adminQuery(),
      requestContext: { authorizer: { lambda: context } },
    } as unknown as APIGatewayProxyEventV2;
    await expect(adminCaller(event)).rejects.toMatchObject({ timCode: 70009 });

    fakeSecrets(TIM.key);
    const good = await handler(authorizerEvent(adminQuery()));
    const accepted = { ...event, requestContext: { authorizer: { lambda: good.context } } } as unknown as APIGatewayProxyEventV2;
    await expect(adminCaller(accepted)).resolves.toEqual({ kind: 'admin', identifier: TIM.admin });
  });
});
