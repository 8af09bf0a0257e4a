// Xero's limits per organisation, as the sandbox enforces them: 60 calls in any rolling minute and
// 5 calls in progress at once. A call over either is answered 429 with Retry-After and
// X-Rate-Limit-Problem ("minute" or "concurrent"); refused calls do not count.
import type { Clock } from "../../clock";

export const MINUTE_LIMIT = 60;
export const CONCURRENT_LIMIT = 5;
const WINDOW_MS = 60_000;

export type Admission =
  | { allowed: true; remaining: number; release: () => void }
  | { allowed: false; problem: "minute" | "concurrent"; retryAfterSeconds: number };

export interface XeroRateLimits {
  admit(tenantId: string): Admission;
}

export function createXeroRateLimits(clock: Clock): XeroRateLimits {
  const calls = new Map<string, number[]>();
  const running = new Map<string, number>();
  return {
    admit(tenantId) {
      const now = clock();
      const recent = (calls.get(tenantId) ?? []).filter((at) => at > now - WINDOW_MS);
      calls.set(tenantId, recent);
      if ((running.get(tenantId) ?? 0) >= CONCURRENT_LIMIT)
        return { allowed: false, problem: "concurrent", retryAfterSeconds: 1 };
      const oldest = recent[0];
      if (recent.length >= MINUTE_LIMIT && oldest !== undefined)
        return {
          allowed: false,
          problem: "minute",
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)),
        };
      recent.push(now);
      running.set(tenantId, (running.get(tenantId) ?? 0) + 1);
      let released = false;
      return {
        allowed: true,
        remaining: MINUTE_LIMIT - recent.length,
        release() {
          if (released) return;
          released = true;
          running.set(tenantId, (running.get(tenantId) ?? 1) - 1);
        },
      };
    },
  };
}
