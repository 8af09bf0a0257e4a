// The Node queue: a table of the app's own database with Cloudflare Queues' semantics — delayed
// sends, at-least-once delivery under a visibility lease, retries with backoff, a dead-letter table
// after MAX_ATTEMPTS. A message leased by a process that died becomes visible again when its lease
// ends, so a restart re-delivers it once.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { deadLetters, queueMessages } from "../db/schema";
import { MAX_ATTEMPTS, type MessageHandler, type Queue, type QueueMessage, retryDelaySeconds } from "./port";

export const WORK_QUEUE = "work";

export interface DbQueueOptions {
  db: Db;
  clock: Clock;
  queue?: string;
  /** How long a consumer owns a message before it is delivered again (ms). */
  leaseMs?: number;
  maxAttempts?: number;
}

/** The producer. `wake` tells this process's consumers (`wakeups`) that messages were written. */
export type DbQueue = Queue & { name: string; wakeups: Set<() => void>; wake(): void };

export function createDbQueue(options: DbQueueOptions): DbQueue {
  const { db, clock } = options;
  const queue = options.queue ?? WORK_QUEUE;
  const wakeups = new Set<() => void>();
  const wake = () => {
    for (const consumer of wakeups) consumer();
  };
  return {
    name: queue,
    wakeups,
    wake,
    async send(message: QueueMessage, sendOptions = {}) {
      const now = clock();
      await db.insert(queueMessages).values({
        queue,
        body: JSON.stringify(message),
        visibleAt: now + (sendOptions.delaySeconds ?? 0) * 1000,
        createdAt: now,
      });
      wake();
    },
  };
}

export interface LeasedMessage {
  id: number;
  leaseId: string;
  message: QueueMessage;
  attempts: number;
}

/** Leases up to `limit` visible messages in one statement, so two consumers never get the same one. */
export async function leaseMessages(options: DbQueueOptions, limit: number): Promise<LeasedMessage[]> {
  const { db, clock } = options;
  const queue = options.queue ?? WORK_QUEUE;
  const now = clock();
  const leaseId = crypto.randomUUID();
  const ready = db
    .select({ id: queueMessages.id })
    .from(queueMessages)
    .where(
      and(eq(queueMessages.queue, queue), eq(queueMessages.dead, false), lte(queueMessages.visibleAt, now)),
    )
    .orderBy(asc(queueMessages.visibleAt), asc(queueMessages.id))
    .limit(limit);
  const rows = await db
    .update(queueMessages)
    .set({
      leaseId,
      visibleAt: now + (options.leaseMs ?? 60_000),
      attempts: sql`${queueMessages.attempts} + 1`,
    })
    .where(inArray(queueMessages.id, ready))
    .returning();
  return rows.map((row) => ({
    id: row.id,
    leaseId,
    message: JSON.parse(row.body) as QueueMessage,
    attempts: row.attempts,
  }));
}

const ownedBy = (leased: LeasedMessage) =>
  and(eq(queueMessages.id, leased.id), eq(queueMessages.leaseId, leased.leaseId));

/** Runs the handler on one leased message and settles it: delete, retry later, or dead-letter. */
export async function settle(options: DbQueueOptions, leased: LeasedMessage, handler: MessageHandler) {
  const { db, clock } = options;
  // As on Cloudflare, a message is not delivered again while its handler is alive: the lease is renewed
  // until the handler ends, and lapses only when the process died.
  const leaseMs = options.leaseMs ?? 60_000;
  const renew = setInterval(() => {
    db.update(queueMessages)
      .set({ visibleAt: clock() + leaseMs })
      .where(ownedBy(leased))
      .catch(() => undefined);
  }, leaseMs / 3);
  try {
    await handler(leased.message, { attempts: leased.attempts });
    clearInterval(renew);
    await db.delete(queueMessages).where(ownedBy(leased));
  } catch (error) {
    clearInterval(renew);
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (leased.attempts >= (options.maxAttempts ?? MAX_ATTEMPTS)) {
      await db.batch([
        db.insert(deadLetters).values({
          queue: options.queue ?? WORK_QUEUE,
          body: JSON.stringify(leased.message),
          attempts: leased.attempts,
          error: reason,
          createdAt: clock(),
        }),
        db.delete(queueMessages).where(ownedBy(leased)),
      ]);
    } else {
      const delay = retryDelaySeconds(error, leased.attempts);
      await db
        .update(queueMessages)
        .set({ visibleAt: clock() + delay * 1000, leaseId: null, lastError: reason })
        .where(ownedBy(leased));
    }
  }
}

export interface Consumer {
  /** Leases and handles what is visible now; resolves with how many messages it handled. */
  drain(): Promise<number>;
  /** Polls the table until stopped; a `send` of this process wakes it at once. */
  start(): void;
  stop(): Promise<void>;
}

/** Handles up to `concurrency` messages at a time. */
export function createDbConsumer(
  options: DbQueueOptions & {
    handler: MessageHandler;
    producer?: DbQueue;
    pollMs?: number;
    concurrency?: number;
    onError?: (error: unknown) => void;
  },
): Consumer {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<number> | undefined;
  const concurrency = options.concurrency ?? 4;

  // A pool: a slot that frees up takes the next visible message at once, so that one slow message (a job's
  // run waiting on the POS's rate limit) never holds the others back.
  const drainOnce = async () => {
    let handled = 0;
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const free = stopped ? 0 : concurrency - inFlight.size;
      const batch = free > 0 ? await leaseMessages(options, free) : [];
      for (const leased of batch) {
        const settled: Promise<void> = settle(options, leased, options.handler).finally(() =>
          inFlight.delete(settled),
        );
        inFlight.add(settled);
      }
      handled += batch.length;
      if (inFlight.size === 0) return handled;
      // Full, or nothing visible yet: wait for a slot (a handler may send the next messages).
      if (batch.length === 0 || inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  };
  const drain = () => {
    running ??= drainOnce().finally(() => (running = undefined));
    return running;
  };
  const tick = () => {
    if (stopped) return;
    drain()
      .catch((error) => options.onError?.(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs ?? 500);
      });
  };
  const wake = () => {
    if (stopped || running) return;
    clearTimeout(timer);
    timer = setTimeout(tick, 0);
  };
  return {
    drain,
    start() {
      options.producer?.wakeups.add(wake);
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      options.producer?.wakeups.delete(wake);
      await running;
    },
  };
}
