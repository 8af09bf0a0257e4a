// QuickBooks Online's published limit on the sandbox API: 500 requests a minute per company (realm).
// A request beyond it is refused with 429 and a Retry-After saying when the oldest request of the
// window leaves it.
import type { Clock } from "../../clock";

export const QBO_REQUESTS_PER_MINUTE = 500;
const WINDOW_MS = 60_000;

export interface RealmRateLimit {
  /** Counts the request when allowed; otherwise says how many seconds to wait. */
  take(realmId: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

export function createRealmRateLimit(clock: Clock, perMinute = QBO_REQUESTS_PER_MINUTE): RealmRateLimit {
  const windows = new Map<string, number[]>();
  return {
    take(realmId) {
      const now = clock();
      const started = (windows.get(realmId) ?? []).filter((time) => time > now - WINDOW_MS);
      windows.set(realmId, started);
      if (started.length >= perMinute) {
        const oldest = started[0] as number;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)),
        };
      }
      started.push(now);
      return { allowed: true };
    },
  };
}
