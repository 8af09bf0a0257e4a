// System-wide reads for the scheduled runs (not on behalf of a user, so not scoped to one account).
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { accounts, stores } from "../db/schema";

/** Every active store of every installed account, with what the nightly run needs of its account. */
export function installedStores(db: Db) {
  return db
    .select({
      accountId: accounts.id,
      syncStartDate: accounts.syncStartDate,
      nightlyCutoff: accounts.nightlyCutoff,
      storeId: stores.id,
      timezone: stores.timezone,
    })
    .from(stores)
    .innerJoin(accounts, eq(stores.accountId, accounts.id))
    .where(and(eq(accounts.status, "installed"), eq(stores.active, true)));
}
