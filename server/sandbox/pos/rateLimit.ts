// The sandbox POS's leaky bucket, per account (each account has one API client here: Daybook), sized as
// Lightspeed sizes it: 90 drips + 10 per register beyond the first, draining 1 drip/s + 0.5 per register
// beyond the first unless a drip rate is set (option, or POST /sandbox/pos/settings at runtime). A request
// is let in while the bucket is below its size (the one that overflows it too) and refused with 429 after.
import type { Clock } from "../../clock";

export interface BucketAnswer {
  allowed: boolean;
  level: number;
  size: number;
  dripRate: number;
  /** Seconds until the bucket is below its size again, when refused. */
  retryAfter?: number;
}

export interface SandboxBuckets {
  take(accountID: string, cost: number, registers: number): BucketAnswer;
  /** The drip rate every bucket drains at; undefined for Lightspeed's per-register rate. */
  setDripRate(dripRate: number | undefined): void;
  dripRate(): number | undefined;
}

export function createSandboxBuckets(options: { clock: Clock; dripRate?: number }): SandboxBuckets {
  const { clock } = options;
  let fixedDripRate = options.dripRate;
  const buckets = new Map<string, { level: number; at: number }>();
  return {
    take(accountID, cost, registers) {
      const extra = Math.max(0, registers - 1);
      const size = 90 + 10 * extra;
      const dripRate = fixedDripRate ?? 1 + 0.5 * extra;
      const now = clock();
      const bucket = buckets.get(accountID) ?? { level: 0, at: now };
      bucket.level = Math.max(0, bucket.level - ((now - bucket.at) / 1000) * dripRate);
      bucket.at = now;
      buckets.set(accountID, bucket);
      if (bucket.level >= size) {
        const retryAfter = Math.max(1, Math.ceil((bucket.level - size) / dripRate + 0.001));
        return { allowed: false, level: bucket.level, size, dripRate, retryAfter };
      }
      bucket.level += cost;
      return { allowed: true, level: bucket.level, size, dripRate };
    },
    setDripRate(dripRate) {
      fixedDripRate = dripRate;
    },
    dripRate: () => fixedDripRate,
  };
}
