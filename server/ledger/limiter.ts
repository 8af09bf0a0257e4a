// The ledgers' published limits, respected rather than discovered by failing: QuickBooks Online
// allows 500 requests a minute per company (realm), Xero 60 a minute and 5 at a time per tenant.
// One limiter per company/tenant for the whole process, shared by every client of it.
import type { Clock } from "../clock";

export interface LimitSpec {
  perMinute: number;
  concurrent: number;
}

export const QBO_LIMITS: LimitSpec = { perMinute: 500, concurrent: 10 };
export const XERO_LIMITS: LimitSpec = { perMinute: 60, concurrent: 5 };

export interface Limiter {
  /** Runs `task` once a slot in both the minute window and the concurrency cap is free. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Holds every request back for `seconds` (the ledger said 429 with Retry-After). */
  pause(seconds: number): void;
}

const WINDOW_MS = 60_000;

export function createLimiter(spec: LimitSpec, clock: Clock, sleep: (ms: number) => Promise<void>): Limiter {
  const started: number[] = [];
  let running = 0;
  let pausedUntil = 0;

  /** How long to wait before a request may start now, or 0 (and then it is counted as started). */
  function admit(): number {
    const now = clock();
    while (started.length && (started[0] as number) <= now - WINDOW_MS) started.shift();
    if (pausedUntil > now) return pausedUntil - now;
    if (running >= spec.concurrent) return 25;
    if (started.length >= spec.perMinute) return (started[0] as number) + WINDOW_MS - now;
    started.push(now);
    running++;
    return 0;
  }

  return {
    async run(task) {
      for (let wait = admit(); wait > 0; wait = admit()) await sleep(wait);
      try {
        return await task();
      } finally {
        running--;
      }
    },
    pause(seconds) {
      pausedUntil = Math.max(pausedUntil, clock() + seconds * 1000);
    },
  };
}

const shared = new Map<string, Limiter>();

/** The process-wide limiter of one company/tenant (`key`), created on first use. */
export function sharedLimiter(
  key: string,
  spec: LimitSpec,
  clock: Clock,
  sleep: (ms: number) => Promise<void>,
) {
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = createLimiter(spec, clock, sleep);
    shared.set(key, limiter);
  }
  return limiter;
}
