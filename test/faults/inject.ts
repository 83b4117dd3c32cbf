import { db, setDocumentClient } from '../../lib/store/client.js';

/**
 * Two ways to make DynamoDB fail on purpose.
 *
 * `inSdk` adds a middleware INSIDE the SDK's retry loop, so an injected throttle or dropped
 * connection reaches the SDK exactly as a real one would and its retry strategy (maxAttempts 4,
 * `lib/store/client.ts`) decides; `'lost-response'` lets the request reach DynamoDB and then
 * loses the answer (a timeout after the write was applied).
 *
 * `wrapSend` replaces the document client with a wrapper around `send` (`setDocumentClient`): an
 * error thrown there is past every SDK retry, as our own code sees it (transaction cancellations,
 * partial batch results, errors the SDK gave up on).
 */
export type SdkFault = 'throttle' | 'throughput' | 'network' | 'lost-response';

export function throttlingError(name = 'ThrottlingException') {
  return Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

export function networkError() {
  return Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET', $metadata: {} });
}

export function transactionConflict(items: number) {
  return Object.assign(new Error('Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]'), {
    name: 'TransactionCanceledException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: Array.from({ length: items }, (_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })),
  });
}

/** Attempts seen per command name while a fault is installed. */
export type Attempts = Record<string, number>;

let injected = 0;

/**
 * Fails the attempts of `command` that `when(attempt)` picks (attempt counts from 1, across requests).
 * Returns the attempt counter and a function that removes the fault.
 */
export function inSdk(command: string, fault: SdkFault, when: (attempt: number) => boolean): { attempts: Attempts; remove(): void } {
  const attempts: Attempts = {};
  const stack = db().middlewareStack;
  const name = `faultInjector${++injected}`;
  stack.add(
    (next, context) => async (args) => {
      const commandName = context.commandName ?? 'unknown';
      const attempt = (attempts[commandName] = (attempts[commandName] ?? 0) + 1);
      if (commandName !== command || !when(attempt)) return next(args);
      if (fault === 'lost-response') {
        await next(args);
        throw Object.assign(new Error('Request timed out'), { name: 'TimeoutError', $metadata: {} });
      }
      throw fault === 'network'
        ? networkError()
        : throttlingError(fault === 'throughput' ? 'ProvisionedThroughputExceededException' : 'ThrottlingException');
    },
    // after the retry middleware (finalizeRequest), around the HTTP call
    { step: 'deserialize', priority: 'high', name },
  );
  return { attempts, remove: () => void stack.remove(name) };
}

/** Replaces `send` for the duration of `work`: `fake` gets each command and the real send. */
export async function wrapSend<T>(
  fake: (command: any, real: (command: any) => Promise<any>) => Promise<any>,
  work: () => Promise<T>,
): Promise<T> {
  const real = db();
  setDocumentClient({ send: (command: unknown) => fake(command, (c) => real.send(c)) } as unknown as typeof real);
  try {
    return await work();
  } finally {
    setDocumentClient(real);
  }
}
