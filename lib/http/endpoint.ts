import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { observabilityConfig } from '../config.js';
import { DomainError, UnknownUserError } from '../errors.js';
import { clipForLog, logger, recordRequestMetrics, type RequestOutcome } from '../observability.js';
import type { Route } from '../routes/route.js';
import { meteredReport } from '../meter.js';
import { forgetCaller, registerCaller } from '../usecases/register-caller.js';
import { adminCaller, userCaller, type AdminCaller, type CallerOf, type UserCaller } from './identity.js';
import { parseRouteInput, type RouteInput } from './input.js';
import { dialectErrors } from './middleware/dialect-errors.js';
import { successResponse } from './wire-errors.js';

export type EndpointContext<R extends Route> = RouteInput<R> & {
  caller: CallerOf<R>;
  /** ms since epoch, taken once per request so every rule sees the same time. */
  now: number;
};

export type EndpointHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Makes a route's Lambda handler: logger context → the dialect's error mapper, around caller
 * identity → zod input → the use case → the dialect's success envelope. No header normalizer: the
 * handlers read no header (identity comes from the authorizers' context), and API Gateway's
 * payload 2.0 — like the local server's events — already has lower-case header names.
 * `run` returns the payload that goes inside the envelope.
 */
export function endpoint<R extends Route>(route: R, run: (ctx: EndpointContext<R>) => Promise<unknown>): EndpointHandler {
  const core = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const now = Date.now();
    let caller: UserCaller | AdminCaller;
    if (route.auth === 'usersig') {
      caller = await adminCaller(event);
    } else {
      caller = userCaller(route, event, now);
      logger.appendKeys({ userId: clipForLog(caller.userId) });
    }
    const input = parseRouteInput(route, event);
    const ctx = { ...input, caller: caller as CallerOf<R>, now } as EndpointContext<R>;
    if (caller.kind !== 'user') return successResponse(route.dialect, await run(ctx));
    const user = caller;
    await registerCaller(user.userId, user.claims, now);
    const payload = await run(ctx).catch(async (error: unknown) => {
      // This container knew the caller, but their account was deleted (by another function): the
      // call found no record of them, before writing anything. Their record is made anew and the
      // call runs again (docs/account-deletion.md).
      if (!(error instanceof UnknownUserError) || error.userId !== user.userId || !forgetCaller(user.userId)) throw error;
      await registerCaller(user.userId, user.claims, now);
      return run(ctx);
    });
    return successResponse(route.dialect, payload);
  };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(dialectErrors(route.dialect))
    .handler(observabilityConfig().metricsEnabled ? withMetrics(route, core) : core) as unknown as EndpointHandler;
}

/**
 * Per-endpoint metrics (Lambda only): the request, its outcome and its DynamoDB usage
 * (`lib/meter.ts`). Off elsewhere, so a caller's own `metered` (the benchmark) sees the calls.
 */
function withMetrics(route: Route, core: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>) {
  const endpointName = `${route.method} ${route.path}`;
  return (event: APIGatewayProxyEventV2) => {
    let outcome: RequestOutcome = 'ok';
    return meteredReport(
      () =>
        core(event).catch((error: unknown) => {
          outcome = error instanceof DomainError ? 'refused' : 'fault';
          throw error;
        }),
      (usage) => recordRequestMetrics(endpointName, outcome, usage),
    );
  };
}
