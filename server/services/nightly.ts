// The nightly run (DESIGN §7): every hour, each store whose local time has passed its account's cutoff
// gets yesterday loaded if it has no data yet
// (or was still open in the POS). The Worker's cron and the Node timer both call this.
import type { Deps } from "../deps";
import { installedStores } from "../repos/schedules";
import { claimPendingLoad, ensureStoreDay } from "../repos/storeDays";
import { addDays, localDate, localTime } from "../../shared/time";

export interface NightlyResult {
  queued: number;
  skipped: number;
}

export async function runNightly(deps: Pick<Deps, "db" | "queue" | "clock">): Promise<NightlyResult> {
  const { db, queue, clock } = deps;
  const now = clock();
  const result: NightlyResult = { queued: 0, skipped: 0 };
  for (const store of await installedStores(db)) {
    const salesDate = addDays(localDate(now, store.timezone), -1);
    if (localTime(now, store.timezone) < store.nightlyCutoff || salesDate < store.syncStartDate) continue;
    const day = await ensureStoreDay(
      db,
      { accountId: store.accountId, storeId: store.storeId, salesDate },
      now,
    );
    // An `open` day (a register left open) is tried again every hour until the POS has closed it.
    const wanted = day.status === "missing" || day.status === "open";
    if (!wanted || !(await claimPendingLoad(db, day.id, now, { withDataOnly: false }))) {
      result.skipped++;
      continue;
    }
    await queue.send({
      type: "day.load",
      accountId: store.accountId,
      storeId: store.storeId,
      salesDate,
      trigger: "nightly",
      reload: false,
    });
    result.queued++;
  }
  return result;
}
