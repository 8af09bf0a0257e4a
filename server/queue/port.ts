// The work queue: Cloudflare Queues on Workers (server/queue/cloudflare.ts), a table of the same
// database on Node (server/queue/dbQueue.ts). Same messages, same handler, same retry rules.
import type { Trigger } from "../db/schema";

export type QueueMessage =
  /** A verified POS webhook delivery, handled off the request (server/webhooks/handlers.ts). */
  | {
      type: "webhook";
      deliveryId: string;
      topic: string;
      posAccountId: string;
      triggeredAt: string;
      data: Record<string, unknown>;
    }
  /** Load (or re-load) one store-day from the POS. */
  | {
      type: "day.load";
      accountId: string;
      storeId: string;
      salesDate: string;
      trigger: Trigger;
      reload: boolean;
    }
  /** Post (create or update in place) one store-day's documents to the account's ledger. */
  | {
      type: "day.post";
      accountId: string;
      storeId: string;
      salesDate: string;
      trigger: Trigger;
      actor?: string;
    }
  /** Split a bulk job into runs (server/services/jobRun.ts). */
  | { type: "job.start"; accountId: string; jobId: string }
  /** Run a bulk job's entries of one store and date range. */
  | { type: "job.run"; accountId: string; jobId: string; storeId: string; from: string; to: string }
  /** Send a completed job's email to the person who asked for it. */
  | { type: "job.notify"; accountId: string; jobId: string };

export interface SendOptions {
  /** Seconds before the message may be delivered (Cloudflare allows up to 12 h: we cap there). */
  delaySeconds?: number;
}

export interface Queue {
  send(message: QueueMessage, options?: SendOptions): Promise<void>;
}

/** What a consumer does with one message. Throwing retries it with backoff, until the dead-letter queue. */
export type MessageHandler = (message: QueueMessage, delivery: { attempts: number }) => Promise<void>;

/** Thrown by a handler to be retried after a given delay rather than the backoff (e.g. Retry-After). */
export class RetryLater extends Error {
  override name = "RetryLater";
  constructor(
    readonly delaySeconds: number,
    reason: string,
  ) {
    super(reason);
  }
}

export const MAX_DELAY_SECONDS = 43_200;
export const MAX_ATTEMPTS = 6;

/** Exponential backoff by attempt (1-based): 2 s, 4 s, 8 s ... capped at 12 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(2 ** Math.max(1, attempts), MAX_DELAY_SECONDS);
}

/** The delay before the next delivery of a message whose handler threw `error`. */
export function retryDelaySeconds(error: unknown, attempts: number): number {
  return error instanceof RetryLater
    ? Math.min(Math.max(0, Math.ceil(error.delaySeconds)), MAX_DELAY_SECONDS)
    : backoffSeconds(attempts);
}
