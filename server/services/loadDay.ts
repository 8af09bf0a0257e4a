// Load (or reload) one store-day: fetch it from the POS, keep the snapshot, generate its documents
// with the active mapping, compare fingerprints with what was posted, and set the day's status
// (DESIGN §3, §7). Posting the queued documents is the posting service's work.
import { summarize } from "../../shared/engine/totals";
import type { Mapping } from "../../shared/schemas/mapping";
import type { PosDay } from "../../shared/schemas/posDay";
import { newId } from "../crypto/random";
import { type DayStatus, snapshots, type Trigger } from "../db/schema";
import type { Deps } from "../deps";
import { type PosClient, PosAuthError, PosUnavailableError, type Source } from "../pos/port";
import { findAccount } from "../repos/accounts";
import { startExecution } from "../repos/executions";
import { activeMapping } from "../repos/mappings";
import { ensureStoreDay, releasePendingLoad, updateStoreDay } from "../repos/storeDays";
import { findStore, type Store } from "../repos/stores";
import { RetryLater } from "../queue/port";
import { generateInto } from "./generateDay";

export interface LoadRequest {
  accountId: string;
  storeId: string;
  salesDate: string;
  trigger: Trigger;
  /** A reload replaces the snapshot of a day that already has data (a void, a correction, a re-close). */
  reload: boolean;
  actor?: string;
}

export type LoadOutcome =
  | { loaded: true; status: DayStatus; changed: boolean }
  | { loaded: false; reason: "not_installed" | "unknown_store" | "before_sync_start" | "reconnect_required" };

export type PosClientFactory = (account: { id: string; posAccountId: string }) => PosClient;

export async function loadStoreDay(
  deps: Pick<Deps, "db" | "clock">,
  posClient: PosClientFactory,
  request: LoadRequest,
): Promise<LoadOutcome> {
  const { db, clock } = deps;
  const account = await findAccount(db, request.accountId);
  if (!account || account.status !== "installed") return { loaded: false, reason: "not_installed" };
  const store = await findStore(db, account.id, request.storeId);
  if (!store) return { loaded: false, reason: "unknown_store" };
  if (request.salesDate < account.syncStartDate) return { loaded: false, reason: "before_sync_start" };

  const day = await ensureStoreDay(
    db,
    { accountId: account.id, storeId: store.id, salesDate: request.salesDate },
    clock(),
  );
  await releasePendingLoad(db, day.id, clock());
  const execution = await startExecution(db, clock, {
    accountId: account.id,
    action: request.reload ? "reload" : "load",
    trigger: request.trigger,
    actor: request.actor,
    storeId: store.id,
    salesDate: request.salesDate,
  });

  const mapping = await activeMapping(db, account.id);
  const sources = sourcesFor(mapping?.mapping);

  let posDay: PosDay;
  try {
    posDay = await posClient(account).day(shopOf(store), request.salesDate, sources);
  } catch (error) {
    await execution.fail(error);
    if (error instanceof PosAuthError) {
      await updateStoreDay(db, day.id, { lastError: "pos_reconnect_required", updatedAt: clock() });
      return { loaded: false, reason: "reconnect_required" };
    }
    // The queue retries the load: after the POS's Retry-After when it gave one, otherwise with backoff.
    if (error instanceof PosUnavailableError && error.retryAfterSeconds !== undefined)
      throw new RetryLater(error.retryAfterSeconds, error.message);
    throw error;
  }
  const totals = summarize(posDay);
  const voided = posDay.sales.filter((sale) => sale.voided).length;
  await execution.log(
    `Fetched ${posDay.sales.length} sales (${voided} voided), ${posDay.registers.length} registers, ${posDay.purchaseOrders.length} purchase orders`,
    { sources, closed: posDay.closed, netSales: totals.netSales, currency: totals.currency },
  );

  const snapshotId = newId();
  await db.insert(snapshots).values({
    id: snapshotId,
    accountId: account.id,
    storeId: store.id,
    salesDate: request.salesDate,
    sources: sources.join(","),
    body: posDay,
    fetchedAt: clock(),
  });
  const outcome = await generateInto(deps, { account, day, posDay, snapshotId, mapping, execution });
  await execution.succeed();
  return { loaded: true, ...outcome };
}

/** What a load fetches from the POS for a mapping: sales, and inventory costs and purchase orders when it
 *  books them. */
export function sourcesFor(mapping: Mapping | undefined): Source[] {
  const sources: Source[] = ["sales"];
  if (mapping?.settings.bookInventoryCogs) sources.push("inventory");
  if (mapping?.purchaseOrders) sources.push("purchase_orders");
  return sources;
}

function shopOf(store: Store) {
  return { posShopId: store.posShopId, name: store.name, timezone: store.timezone, currency: store.currency };
}
