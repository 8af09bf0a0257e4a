// The account's leaky bucket kept in the database, so that every process and Workers isolate working for
// the same POS account (a job's runs, webhooks, a person's Reload) draws on one bucket. A request is let
// in, in one statement, only while the bucket has room for it beside the requests still on their way
// (which count in full until answered: the POS counts them when they arrive, however late); the others
// wait and try again. An answer moves its cost into the level, which its headers correct upwards (the
// POS knows best how full it is), and tells the bucket's size, drip rate and costs.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { posBuckets } from "../../db/schema";
import {
  BASE_DRIP_RATE,
  BASE_SIZE,
  type BucketLimiter,
  type BucketOptions,
  readBucketHeaders,
} from "./bucket";

/** In-flight costs this old belong to a process that died before its answers. */
const IN_FLIGHT_LOST_MS = 60_000;

export function storedBucketLimiter(db: Db, key: string, { clock, sleep }: BucketOptions): BucketLimiter {
  const { level, at, dripRate, cost, size, inFlight, inFlightAt, pausedUntil } = posBuckets;
  // Statements of several processes may run out of order: time only moves forward, so that no interval
  // is drained twice.
  const drained = (now: number) => sql`max(0, ${level} - max(0, ${now} - ${at}) / 1000.0 * ${dripRate})`;
  const later = (now: number) => sql`max(${at}, ${now})`;
  const flying = (now: number) =>
    sql`(case when ${now} - ${inFlightAt} > ${IN_FLIGHT_LOST_MS} then 0 else ${inFlight} end)`;

  return {
    async acquire() {
      let reserved: number | undefined;
      for (;;) {
        const now = clock();
        const row = await db
          .insert(posBuckets)
          .values({
            key,
            level: 0,
            size: BASE_SIZE,
            dripRate: BASE_DRIP_RATE,
            cost: 1,
            at: now,
            inFlight: 1,
            inFlightAt: now,
          })
          .onConflictDoUpdate({
            target: posBuckets.key,
            set: {
              level: drained(now),
              at: later(now),
              inFlight: sql`${flying(now)} + ${cost}`,
              inFlightAt: sql`max(${inFlightAt}, ${now})`,
            },
            setWhere: sql`${drained(now)} + ${flying(now)} + ${cost} <= ${size} and ${pausedUntil} <= ${now}`,
          })
          .returning()
          .get();
        if (row) {
          reserved = row.cost;
          break;
        }
        const bucket = await db.select().from(posBuckets).where(eq(posBuckets.key, key)).get();
        if (!bucket) continue;
        const levelNow = Math.max(0, bucket.level - (Math.max(0, now - bucket.at) / 1000) * bucket.dripRate);
        const full = ((levelNow + bucket.inFlight + bucket.cost - bucket.size) / bucket.dripRate) * 1000;
        // When the room depends on answers still to come, look again soon.
        await sleep(Math.min(1_000, Math.max(1, Math.ceil(Math.max(bucket.pausedUntil - now, full)))));
      }
      let settled = false;
      return {
        async settle(headers) {
          if (settled) return;
          settled = true;
          const seen = readBucketHeaders(headers ?? new Headers());
          const now = clock();
          // Answered: its cost (as the POS says it was) moves from in flight to the level.
          const estimate = sql`${drained(now)} + ${seen.cost ?? reserved}`;
          await db
            .update(posBuckets)
            .set({
              level: seen.level === undefined ? estimate : sql`max(${estimate}, ${seen.level})`,
              at: later(now),
              inFlight: sql`max(0, ${flying(now)} - ${reserved})`,
              inFlightAt: sql`max(${inFlightAt}, ${now})`,
              ...(seen.size !== undefined && { size: seen.size }),
              ...(seen.dripRate !== undefined && { dripRate: seen.dripRate }),
              cost: sql`max(${cost}, ${seen.cost ?? 0})`,
            })
            .where(eq(posBuckets.key, key));
        },
      };
    },
    async pause(seconds) {
      const until = clock() + seconds * 1000;
      await db
        .update(posBuckets)
        .set({ pausedUntil: sql`max(${pausedUntil}, ${until})` })
        .where(eq(posBuckets.key, key));
    },
  };
}
