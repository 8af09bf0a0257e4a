// Regenerate over a date range (after a mapping change): every store-day with data in the range through
// the Regenerate service, on behalf of the person, skipping the days the day rules refuse.
import type { Deps } from "../deps";
import type { Account } from "../repos/accounts";
import { listDaysWithData } from "../repos/storeDays";
import { listStores } from "../repos/stores";
import { refusalOf } from "./dayGuards";
import { regenerateStoreDay } from "./regenerateDay";

/** Longer ranges are bulk work for the POS Load Scheduler. */
export const MAX_REGENERATE_DAYS = 31;

export interface RegenerateRangeRequest {
  account: Account;
  actor: string;
  from: string;
  to: string;
  storeIds?: string[];
}

export interface RegenerateRangeResult {
  /** Regenerated, and their documents changed. */
  regenerated: number;
  /** Regenerated, with the same documents as before. */
  unchanged: number;
  /** Refused by the day rules (busy, before the sync start, still held, no mapping active). */
  skipped: number;
}

export async function regenerateRange(
  deps: Pick<Deps, "db" | "clock">,
  request: RegenerateRangeRequest,
): Promise<RegenerateRangeResult> {
  const { account } = request;
  const stores = new Map((await listStores(deps.db, account.id)).map((store) => [store.id, store]));
  const days = await listDaysWithData(deps.db, account.id, request);
  const result: RegenerateRangeResult = { regenerated: 0, unchanged: 0, skipped: 0 };
  for (const day of days) {
    const store = stores.get(day.storeId);
    const refused =
      !store || (await refusalOf(deps, "regenerate", { account, store, salesDate: day.salesDate, day }));
    if (refused) {
      result.skipped++;
      continue;
    }
    const outcome = await regenerateStoreDay(deps, {
      accountId: account.id,
      storeId: day.storeId,
      salesDate: day.salesDate,
      trigger: "user",
      actor: request.actor,
    });
    if (!outcome.regenerated) result.skipped++;
    else if (outcome.changed) result.regenerated++;
    else result.unchanged++;
  }
  return result;
}
