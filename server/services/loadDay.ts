// Load (or reload) one store-day: fetch it from the POS, keep the snapshot, generate its documents
// with the active mapping, compare fingerprints with what was posted, and set the day's status
// (DESIGN §3, §7). Posting the queued documents is the posting service's work.
import { summarize } from "../../shared/engine/totals";
import type { Mapping } from "../../shared/schemas/mapping";
import type { PosDay } from "../../shared/schemas/posDay";
import { newId } from "../crypto/random";
import { type DayStatus, snapshots, type Trigger } from "../db/schema";
import type { Deps } from "../deps";
import { type PosClient, PosAuthError, PosUnavailableError, SOURCES, type Source } from "../pos/port";
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
  /** The bulk job the load belongs to. */
  jobId?: string;
  /** Sources to read beyond those the mapping needs (a job's data source). */
  extraSources?: readonly Source[];
}

export type LoadOutcome =
  | { loaded: true; status: DayStatus; changed: boolean }
  | { loaded: false; reason: "not_installed" | "unknown_store" | "before_sync_start" | "reconnect_required" };

export type PosClientFactory = (account: { id: string; posAccountId: string }) => PosClient;

/** Where a load gets its PosDay: the POS by default; a bulk job passes the days it read for a range. */
export type DayFetcher = (store: Store, salesDate: string, sources: readonly Source[]) => Promise<PosDay>;

export async function loadStoreDay(
  deps: Pick<Deps, "db" | "clock">,
  posClient: PosClientFactory,
  request: LoadRequest,
  fetchDay?: DayFetcher,
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
    jobId: request.jobId,
    storeId: store.id,
    salesDate: request.salesDate,
  });

  const mapping = await activeMapping(db, account.id);
  const sources = sourcesFor(mapping?.mapping, request.extraSources);

  let posDay: PosDay;
  try {
    posDay = fetchDay
      ? await fetchDay(store, request.salesDate, sources)
      : await posClient(account).day(shopOf(store), request.salesDate, sources);
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
 *  books them, plus any `extra` asked for; in the order of SOURCES. */
export function sourcesFor(mapping: Mapping | undefined, extra: readonly Source[] = []): Source[] {
  const wanted = new Set<Source>(["sales", ...extra]);
  if (mapping?.settings.bookInventoryCogs) wanted.add("inventory");
  if (mapping?.purchaseOrders) wanted.add("purchase_orders");
  return SOURCES.filter((source) => wanted.has(source));
}

export function shopOf(store: Store) {
  return { posShopId: store.posShopId, name: store.name, timezone: store.timezone, currency: store.currency };
}
