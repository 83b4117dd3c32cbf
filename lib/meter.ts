import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one request costs in DynamoDB: calls, sequential round trips and consumed capacity.
 * The client's middleware (`store/client.ts`) asks every data call for `ReturnConsumedCapacity`
 * and reports here; the handler pipeline turns a request's usage into metrics, and the
 * benchmark reads it per call. Usage is kept per async context, so concurrent requests in one
 * process (the local server) never mix.
 */
export interface DynamoUsage {
  /** DynamoDB calls made. */
  calls: number;
  /** Waves of calls: a call that starts while none is in flight starts a new round trip. */
  roundTrips: number;
  readUnits: number;
  writeUnits: number;
  /** Calls per command name (`GetItemCommand`: 1, …). */
  byCommand: Record<string, number>;
  /** Items the calls named: keys of a batch, actions of a transaction, 1 for any other call. */
  requestItems: number;
}

interface Tally extends DynamoUsage {
  inFlight: number;
}

const current = new AsyncLocalStorage<Tally>();

export const emptyUsage = (): DynamoUsage => ({ calls: 0, roundTrips: 0, readUnits: 0, writeUnits: 0, byCommand: {}, requestItems: 0 });

/** Runs `work` and returns what it cost alongside its result (a failed `work` still rethrows). */
export async function metered<T>(work: () => Promise<T>): Promise<{ result: T; usage: DynamoUsage }> {
  let usage = emptyUsage();
  const result = await meteredReport(work, (spent) => {
    usage = spent;
  });
  return { result, usage };
}

/** Runs `work` and hands what it cost to `report`, whether `work` succeeds or throws. */
export async function meteredReport<T>(work: () => Promise<T>, report: (usage: DynamoUsage) => void): Promise<T> {
  const tally: Tally = { ...emptyUsage(), inFlight: 0 };
  try {
    return await current.run(tally, work);
  } finally {
    const { inFlight: _inFlight, ...usage } = tally;
    report(usage);
  }
}

/**
 * Called by the client middleware when a call starts, with the items it names; returns the function
 * to call when it ends.
 */
export function callStarted(commandName: string, requestItems: number): (consumed: unknown) => void {
  const tally = current.getStore();
  if (!tally) return () => undefined;
  if (tally.inFlight === 0) tally.roundTrips++;
  tally.inFlight++;
  tally.calls++;
  tally.byCommand[commandName] = (tally.byCommand[commandName] ?? 0) + 1;
  tally.requestItems += requestItems;
  return (consumed) => {
    tally.inFlight--;
    const { read, write } = capacityOf(consumed);
    tally.readUnits += read;
    tally.writeUnits += write;
  };
}

interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/**
 * Read and write units of a `ConsumedCapacity` (one object, or a list for batch and transaction
 * calls). With TOTAL, DynamoDB gives only `CapacityUnits` for single-item calls: the command
 * kind decides whether those are reads or writes, so the caller passes objects tagged by
 * `capacityKind` below.
 */
function capacityOf(consumed: unknown): { read: number; write: number } {
  const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Array<ConsumedCapacity & { kind?: 'read' | 'write' }>;
  let read = 0;
  let write = 0;
  for (const entry of list) {
    if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
      read += entry.ReadCapacityUnits ?? 0;
      write += entry.WriteCapacityUnits ?? 0;
    } else if (entry.kind === 'write') write += entry.CapacityUnits ?? 0;
    else read += entry.CapacityUnits ?? 0;
  }
  return { read, write };
}

const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);
const METERED_COMMANDS = new Set([...WRITE_COMMANDS, 'GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

/** Whether a command accepts `ReturnConsumedCapacity`. */
export const isMeteredCommand = (commandName: string) => METERED_COMMANDS.has(commandName);

/** Tags each consumed-capacity entry with the kind its command consumes when DynamoDB gives only a total. */
export function capacityKind(commandName: string, consumed: unknown): unknown {
  const kind = WRITE_COMMANDS.has(commandName) ? 'write' : 'read';
  if (Array.isArray(consumed)) return consumed.map((entry: object) => ({ ...entry, kind }));
  return consumed ? { ...(consumed as object), kind } : consumed;
}
