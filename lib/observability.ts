import { Logger } from '@aws-lambda-powertools/logger';
import { observabilityConfig } from './config.js';

/** One structured JSON logger per process (request id and user id are appended per call). */
export const logger = new Logger({
  serviceName: observabilityConfig().serviceName,
  logLevel: observabilityConfig().logLevel as 'INFO',
});
