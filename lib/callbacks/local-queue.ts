import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { deliverCallback } from './deliver.js';
import type { CallbackTarget, TencentCallback } from './tencent.js';

export interface LocalCallbackQueueOptions {
  target: CallbackTarget;
  /** Wait before each retry (ms): `retryDelaysMs.length + 1` attempts in all. */
  retryDelaysMs: readonly number[];
  /** Where a callback that failed every attempt is appended (one JSON line). */
  deadLetterFile: string;
  log: (line: string) => void;
}

/** A dead letter: the callback as it was to be sent, and why its last attempt failed. */
export interface CallbackDeadLetter {
  eventId: string;
  command: string;
  body: Record<string, unknown>;
  attempts: number;
  reason: string;
  failedAt: string;
}

/**
 * The local stand-in for the SQS queue in front of the dispatcher (docs/events-and-callbacks.md):
 * in process, the same delivery code (`deliver.ts`), retried on the configured schedule, and a
 * callback that failed every attempt logged and appended to the dead-letter file, never dropped.
 */
export class LocalCallbackQueue {
  private readonly pending = new Set<Promise<void>>();
  /** Retries waiting for their time, each with the function that ends the wait at once. */
  private readonly waiting = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(private readonly options: LocalCallbackQueueOptions) {}

  enqueue(callback: TencentCallback): void {
    const run = this.deliver(callback).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves once every enqueued callback is delivered or dead-lettered. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Stops retrying: callbacks still waiting for a retry are dead-lettered now, so none is lost. */
  async close(): Promise<void> {
    this.closed = true;
    for (const [timer, end] of this.waiting) {
      clearTimeout(timer);
      end();
    }
    await this.idle();
  }

  private async deliver(callback: TencentCallback): Promise<void> {
    const { target, retryDelaysMs, log } = this.options;
    const attempts = retryDelaysMs.length + 1;
    let reason = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await this.wait(retryDelaysMs[attempt - 2]!);
      if (this.closed) return this.deadLetter(callback, attempt - 1, `${reason}; the server stopped before the next retry`);
      const outcome = await deliverCallback(callback, target);
      if (outcome.ok) {
        log(`callback ${callback.command} ${callback.eventId} delivered (attempt ${attempt})`);
        return;
      }
      reason = outcome.reason;
      log(`callback ${callback.command} ${callback.eventId} failed (attempt ${attempt} of ${attempts}): ${reason}`);
    }
    this.deadLetter(callback, attempts, reason);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve();
      }, ms);
      this.waiting.set(timer, () => {
        this.waiting.delete(timer);
        resolve();
      });
    });
  }

  private deadLetter(callback: TencentCallback, attempts: number, reason: string): void {
    const letter: CallbackDeadLetter = {
      eventId: callback.eventId,
      command: callback.command,
      body: callback.body,
      attempts,
      reason,
      failedAt: new Date().toISOString(),
    };
    mkdirSync(dirname(this.options.deadLetterFile), { recursive: true });
    appendFileSync(this.options.deadLetterFile, `${JSON.stringify(letter)}\n`);
    this.options.log(
      `callback ${callback.command} ${callback.eventId} dead-lettered to ${this.options.deadLetterFile} after ${attempts} attempt(s): ${reason}`,
    );
  }
}
