// The client side of Lightspeed's leaky bucket (one per account + API client), in the process; the one
// every process of an account shares is in the database (storedBucket.ts). Every response says how
// full the bucket is (X-LS-Api-Bucket-Level: "used/size") and how fast it drains (X-LS-Api-Drip-Rate,
// drips per second). Requests wait until their cost fits instead of running into 429s, and a 429's
// Retry-After holds every request of the account until it has passed.
import type { Clock } from "../../clock";

export interface BucketLimiter {
  /** Resolves when one more request fits in the bucket, and counts it in until its answer is settled. */
  acquire(): Promise<Reservation>;
  /** Holds every request for `seconds` (a 429's Retry-After). */
  pause(seconds: number): void | Promise<void>;
}

/** One request let into the bucket. */
export interface Reservation {
  /** The request was answered (its headers tell the bucket's level, size, drip rate and the request's
   *  cost), or failed without an answer. */
  settle(headers?: Headers): void | Promise<void>;
}

export interface BucketOptions {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
}

/** The documented base allowance, assumed until the first response tells the real one. */
export const BASE_SIZE = 90;
export const BASE_DRIP_RATE = 1;

/** What a response's headers say of the bucket: its level and size, its drip rate, the request's cost. */
export function readBucketHeaders(headers: Headers) {
  const bucket = /^\s*([\d.]+)\s*\/\s*([\d.]+)\s*$/.exec(headers.get("X-LS-Api-Bucket-Level") ?? "");
  const positive = (value: number) => (value > 0 ? value : undefined);
  return {
    level: bucket ? Number(bucket[1]) : undefined,
    size: bucket ? positive(Number(bucket[2])) : undefined,
    dripRate: positive(Number(headers.get("X-LS-Api-Drip-Rate"))),
    cost: positive(Number(headers.get("X-LS-Api-Request-Cost"))),
  };
}

export function createBucketLimiter({ clock, sleep }: BucketOptions): BucketLimiter {
  let size = BASE_SIZE;
  let dripRate = BASE_DRIP_RATE;
  let level = 0;
  let observedAt = clock();
  // The most a request has cost so far: the next one is assumed to cost as much.
  let cost = 1;
  let pausedUntil = 0;
  // What the requests sent and not yet answered will add: an answer's level does not count the requests
  // still on their way, so without them concurrent requests would overflow the bucket.
  let inFlight = 0;
  let queue: Promise<void> = Promise.resolve();

  const levelNow = () => Math.max(0, level - ((clock() - observedAt) / 1000) * dripRate);

  async function waitForRoom(): Promise<void> {
    const paused = pausedUntil - clock();
    if (paused > 0) await sleep(paused);
    const overflow = levelNow() + inFlight + cost - size;
    if (overflow > 0) await sleep(Math.ceil((overflow / dripRate) * 1000));
  }

  function observe(headers: Headers) {
    const seen = readBucketHeaders(headers);
    if (seen.level !== undefined) {
      level = seen.level;
      observedAt = clock();
    }
    size = seen.size ?? size;
    dripRate = seen.dripRate ?? dripRate;
    cost = Math.max(cost, seen.cost ?? 0);
  }

  return {
    async acquire() {
      // One waiter at a time, so that concurrent requests queue behind each other's reservations.
      const turn = queue.then(waitForRoom);
      queue = turn.catch(() => undefined);
      await turn;
      const reserved = cost;
      inFlight += reserved;
      let settled = false;
      return {
        settle(headers) {
          if (settled) return;
          settled = true;
          inFlight -= reserved;
          if (headers) observe(headers);
        },
      };
    },
    pause(seconds) {
      pausedUntil = Math.max(pausedUntil, clock() + seconds * 1000);
    },
  };
}
