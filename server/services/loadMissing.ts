// Load missing (seed 000): for a set of stores and a date range, load only the store-days that have
// no data; the others are skipped and counted. The loads go through the queue like every other.
import { and, eq, gte, lte, ne } from "drizzle-orm";
import { storeDays, type Trigger } from "../db/schema";
import type { Deps } from "../deps";
import { claimPendingLoad, ensureStoreDay } from "../repos/storeDays";
import { addDays } from "../../shared/time";

export interface LoadMissingRequest {
  accountId: string;
  storeIds: string[];
  from: string;
  to: string;
  trigger: Trigger;
}

export async function loadMissing(
  deps: Pick<Deps, "db" | "queue" | "clock">,
  request: LoadMissingRequest,
): Promise<{ queued: number; skipped: number }> {
  const { db, queue, clock } = deps;
  // Store by store: one `IN` of up to 100 stores would pass D1's 100 bound values per statement.
  const withData = [];
  for (const storeId of request.storeIds)
    withData.push(
      ...(await db
        .select({ storeId: storeDays.storeId, salesDate: storeDays.salesDate })
        .from(storeDays)
        .where(
          and(
            eq(storeDays.accountId, request.accountId),
            eq(storeDays.storeId, storeId),
            gte(storeDays.salesDate, request.from),
            lte(storeDays.salesDate, request.to),
            ne(storeDays.status, "missing"),
          ),
        )),
    );
  const loaded = new Set(withData.map((row) => `${row.storeId}|${row.salesDate}`));
  const result = { queued: 0, skipped: 0 };
  for (const storeId of request.storeIds)
    for (let salesDate = request.from; salesDate <= request.to; salesDate = addDays(salesDate, 1)) {
      if (loaded.has(`${storeId}|${salesDate}`)) {
        result.skipped++;
        continue;
      }
      const key = { accountId: request.accountId, storeId, salesDate };
      const day = await ensureStoreDay(db, key, clock());
      if (!(await claimPendingLoad(db, day.id, clock(), { withDataOnly: false }))) {
        result.skipped++;
        continue;
      }
      await queue.send({ type: "day.load", ...key, trigger: request.trigger, reload: false });
      result.queued++;
    }
  return result;
}
