import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '../../errors.js';
import { loggableError, logger } from '../../observability.js';
import type { Dialect } from '../../routes/route.js';
import { errorResponse } from '../wire-errors.js';

/**
 * Last in the chain: any error becomes the dialect's error response. Domain errors are expected
 * outcomes (logged at info); anything else is logged with its stack and answered as internal.
 * Messages are logged clipped: they may quote what the caller sent.
 */
export function dialectErrors(dialect: Dialect): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const dialectErrorsOnError: middy.MiddlewareFn<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = async (request) => {
    const { error } = request;
    if (error instanceof DomainError) logger.info('request refused', { error: error.name, reason: loggableError(error).message });
    else logger.error('request failed', { error: loggableError(error) });
    request.response = errorResponse(dialect, error);
  };
  return { onError: dialectErrorsOnError };
}
