// Load (or reload) one store-day: fetch it from the POS, keep the snapshot, generate its documents
// with the active mapping, compare fingerprints with what was posted, and set the day's status
// (DESIGN §3, §7). Posting the queued documents is the posting service's work.
import { and, eq, isNull, notInArray } from "drizzle-orm";
import { generate } from "../../shared/engine/generate";
import { summarize } from "../../shared/engine/totals";
import type { AccountingDocument } from "../../shared/engine/types";
import { toLocale } from "../../shared/i18n";
import type { PosDay } from "../../shared/schemas/posDay";
import { newId } from "../crypto/random";
import type { Db } from "../db/client";
import { type DayStatus, documents, snapshots, storeDays, type Trigger } from "../db/schema";
import type { Deps } from "../deps";
import { type PosClient, PosAuthError, PosUnavailableError, type Source } from "../pos/port";
import { findAccount } from "../repos/accounts";
import { startExecution } from "../repos/executions";
import { activeMapping } from "../repos/mappings";
import { ensureStoreDay, releasePendingLoad, type StoreDay } from "../repos/storeDays";
import { findStore, type Store } from "../repos/stores";
import { RetryLater } from "../queue/port";
import { cachedChartAccounts } from "./ledgerChart";

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
  const sources: Source[] = ["sales"];
  if (mapping?.mapping.settings.bookInventoryCogs) sources.push("inventory");
  if (mapping?.mapping.purchaseOrders) sources.push("purchase_orders");

  let posDay: PosDay;
  try {
    posDay = await posClient(account).day(shopOf(store), request.salesDate, sources);
  } catch (error) {
    await execution.fail(error);
    if (error instanceof PosAuthError) {
      await setDay(db, day.id, { lastError: "pos_reconnect_required", updatedAt: clock() });
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
  const common = { snapshotId, netSales: totals.netSales, totals, updatedAt: clock() };

  if (!posDay.closed) {
    await setDay(db, day.id, { ...common, status: "open", dueAt: null, lastError: null, problems: null });
    await execution.log("The day is still open in the POS: it will be loaded again once its registers close");
    await execution.succeed();
    return { loaded: true, status: "open", changed: false };
  }
  if (!mapping) {
    await setDay(db, day.id, { ...common, status: "hold", dueAt: null, lastError: "mapping_inactive" });
    await execution.warn("On hold: the mapping is not active yet");
    await execution.succeed();
    return { loaded: true, status: "hold", changed: false };
  }

  const chart = await cachedChartAccounts(deps, account.id);
  const result = generate(posDay, mapping.mapping, { locale: toLocale(account.locale), chart });
  const fingerprints = Object.fromEntries(result.documents.map((doc) => [doc.kind, doc.fingerprint]));
  const changed = !sameFingerprints(day, fingerprints);
  const status = await nextStatus(db, day, result.status, result.documents);
  // Waiting output keeps its due time; new or changed output waits the account's posting delay.
  const keepsDueTime = status === "queued" && day.status === "queued" && !changed;
  const dueAt =
    status !== "queued" ? null : keepsDueTime ? day.dueAt : clock() + account.postingDelayMinutes * 60_000;
  await saveDocuments(db, account.id, day.id, result.documents, clock());
  await setDay(db, day.id, {
    ...common,
    status,
    fingerprints,
    problems: result.problems,
    mappingVersion: mapping.version,
    dueAt,
    lastError: null,
  });
  await execution.log(`Generated with mapping v${mapping.version}: ${status}`, {
    documents: result.documents.map((doc) => ({ kind: doc.kind, fingerprint: doc.fingerprint })),
    problems: result.problems.length,
    changed,
  });
  await execution.succeed();
  return { loaded: true, status, changed };
}

function shopOf(store: Store) {
  return { posShopId: store.posShopId, name: store.name, timezone: store.timezone, currency: store.currency };
}

function setDay(db: Db, id: string, values: Partial<typeof storeDays.$inferInsert>) {
  return db.update(storeDays).set(values).where(eq(storeDays.id, id));
}

function sameFingerprints(day: StoreDay, fingerprints: Record<string, string>): boolean {
  const before = day.fingerprints ?? {};
  const kinds = new Set([...Object.keys(before), ...Object.keys(fingerprints)]);
  return [...kinds].every((kind) => before[kind] === fingerprints[kind]);
}

/**
 * `ready` output waits in the posting queue, unless it was posted before: then it is `update` when
 * anything posted differs, and stays `posted` when the ledger already holds exactly this.
 */
async function nextStatus(
  db: Db,
  day: StoreDay,
  generated: "ready" | "empty" | "hold" | "out_of_balance",
  output: AccountingDocument[],
): Promise<DayStatus> {
  if (generated !== "ready") return generated;
  const posted = await db
    .select({ kind: documents.kind, postedFingerprint: documents.postedFingerprint })
    .from(documents)
    .where(eq(documents.storeDayId, day.id));
  const postedKinds = posted.filter((doc) => doc.postedFingerprint !== null);
  if (postedKinds.length === 0) return "queued";
  const identical =
    postedKinds.length === output.length &&
    output.every((doc) =>
      postedKinds.some((p) => p.kind === doc.kind && p.postedFingerprint === doc.fingerprint),
    );
  return identical ? "posted" : "update";
}

/** The day's current documents; a kind no longer produced is dropped unless the ledger holds it. */
async function saveDocuments(
  db: Db,
  accountId: string,
  storeDayId: string,
  output: AccountingDocument[],
  now: number,
) {
  const kinds = output.map((doc) => doc.kind);
  const upserts = output.map((doc) =>
    db
      .insert(documents)
      .values({
        id: newId(),
        accountId,
        storeDayId,
        kind: doc.kind,
        fingerprint: doc.fingerprint,
        body: doc,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [documents.storeDayId, documents.kind],
        set: { fingerprint: doc.fingerprint, body: doc, updatedAt: now },
      }),
  );
  const stale = db
    .delete(documents)
    .where(
      and(
        eq(documents.storeDayId, storeDayId),
        isNull(documents.postedFingerprint),
        kinds.length ? notInArray(documents.kind, kinds) : undefined,
      ),
    );
  await db.batch([stale, ...upserts]);
}
