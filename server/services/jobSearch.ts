// The scheduler's Search Stores panel (seed 000): the store-days of some stores and dates that a job
// could fix. Missing Sales lists the dates without data from the sync start to yesterday; Reload the
// days that have data; Posting status the days in the statuses asked for.
import type { JobSearch, JobSearchRow } from "../../shared/api";
import { addDays, datesBetween, localDate } from "../../shared/time";
import type { Deps } from "../deps";
import type { Account } from "../repos/accounts";
import { listStoreDays } from "../repos/storeDays";
import { listStores } from "../repos/stores";

export async function searchStoreDays(
  deps: Pick<Deps, "db" | "clock">,
  account: Account,
  search: JobSearch,
): Promise<JobSearchRow[]> {
  const wanted = new Set(search.storeIds);
  const stores = (await listStores(deps.db, account.id)).filter((store) => wanted.has(store.id));
  const rows: JobSearchRow[] = [];
  for (const store of stores) {
    const days = await listStoreDays(deps.db, account.id, {
      storeId: store.id,
      from: search.from,
      to: search.to,
    });
    const byDate = new Map(days.map((day) => [day.salesDate, day]));
    const row = (salesDate: string): JobSearchRow => {
      const day = byDate.get(salesDate);
      return {
        storeId: store.id,
        salesDate,
        status: day?.status ?? "missing",
        netSales: day?.netSales ?? null,
      };
    };
    // Days that could have data: from the sync start to the store's yesterday (today is still open).
    const first = search.from > account.syncStartDate ? search.from : account.syncStartDate;
    const yesterday = addDays(localDate(deps.clock(), store.timezone), -1);
    const last = search.to < yesterday ? search.to : yesterday;
    const dates = first <= last ? datesBetween(first, last) : [];
    const statuses = new Set(search.statuses ?? []);
    for (const salesDate of dates) {
      const found = row(salesDate);
      const keep =
        search.filter === "missing"
          ? found.status === "missing"
          : search.filter === "reload"
            ? found.status !== "missing"
            : statuses.has(found.status);
      if (keep) rows.push(found);
    }
  }
  return rows;
}
