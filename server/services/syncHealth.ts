// Sync health of an account, what support checks first (seed 003): the sync is enabled only when
// the POS and a ledger are connected and the mapping is active; then the last execution, the recent
// store-days that need someone, and the connections to reconnect.
import { and, count, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  type ConnectionHealth,
  type HealthReason,
  type LastExecution,
  PROBLEM_STATUSES,
  type ProblemDay,
  type ProblemStatus,
  type SyncHealth,
} from "../../shared/api";
import { connections, executions, mappings, storeDays, stores } from "../db/schema";
import { addDays } from "../../shared/time";

export const PROBLEM_WINDOW_DAYS = 60;
export const PROBLEM_LIST_LIMIT = 25;

/** `now` is the caller's clock (deps.clock()), so the 60-day window follows a test's time. */
export async function syncHealth(db: Db, accountId: string, now: number = Date.now()): Promise<SyncHealth> {
  const since = addDays(new Date(now).toISOString().slice(0, 10), -PROBLEM_WINDOW_DAYS);
  const [links, mapping, lastExecution, counts, days] = await Promise.all([
    connectionsOf(db, accountId),
    db
      .select({ id: mappings.id })
      .from(mappings)
      .where(and(eq(mappings.accountId, accountId), eq(mappings.status, "active")))
      .get(),
    lastExecutionOf(db, accountId),
    problemCounts(db, accountId, since),
    problemDays(db, accountId, since),
  ]);
  const pos = links.find((link) => link.kind === "pos") ?? null;
  const ledger = ledgerOf(links);
  const mappingActive = mapping !== undefined;

  const reasons: HealthReason[] = [];
  if (pos?.status === "reconnect_required") reasons.push("pos_reconnect_required");
  else if (pos?.status !== "connected") reasons.push("pos_not_connected");
  if (ledger?.status === "reconnect_required") reasons.push("ledger_reconnect_required");
  // A ledger connected without a company has nowhere to post.
  else if (ledger?.status !== "connected" || !ledger.companyId) reasons.push("ledger_not_connected");
  if (!mappingActive) reasons.push("mapping_inactive");

  return {
    enabled: reasons.length === 0,
    reasons,
    pos,
    ledger,
    mappingActive,
    lastExecution: lastExecution ?? null,
    problems: { since, counts, days },
    reconnectRequired: links.filter((link) => link.status === "reconnect_required"),
  };
}

/** The account's connections without their tokens, most recently changed first. */
async function connectionsOf(db: Db, accountId: string): Promise<ConnectionHealth[]> {
  return db
    .select({
      kind: connections.kind,
      status: connections.status,
      lastError: connections.lastError,
      companyId: connections.externalId,
    })
    .from(connections)
    .where(eq(connections.accountId, accountId))
    .orderBy(desc(connections.updatedAt))
    .all();
}

const LEDGER_PREFERENCE: ConnectionHealth["status"][] = ["connected", "reconnect_required", "disconnected"];

function ledgerOf(links: ConnectionHealth[]): ConnectionHealth | null {
  const ledgers = links.filter((link) => link.kind !== "pos");
  for (const status of LEDGER_PREFERENCE) {
    const found = ledgers.find((link) => link.status === status);
    if (found) return found;
  }
  return null;
}

function lastExecutionOf(db: Db, accountId: string): Promise<LastExecution | undefined> {
  return (
    db
      .select({
        id: executions.id,
        action: executions.action,
        trigger: executions.trigger,
        status: executions.status,
        storeId: executions.storeId,
        salesDate: executions.salesDate,
        startedAt: executions.startedAt,
        finishedAt: executions.finishedAt,
        error: executions.error,
      })
      .from(executions)
      .where(eq(executions.accountId, accountId))
      // Several executions can start in the same millisecond: the last inserted is the latest.
      .orderBy(desc(executions.startedAt), sql`rowid desc`)
      .limit(1)
      .get()
  );
}

const problemWhere = (accountId: string, since: string) =>
  and(
    eq(storeDays.accountId, accountId),
    inArray(storeDays.status, PROBLEM_STATUSES),
    gte(storeDays.salesDate, since),
  );

async function problemCounts(
  db: Db,
  accountId: string,
  since: string,
): Promise<Record<ProblemStatus, number>> {
  const rows = await db
    .select({ status: storeDays.status, n: count() })
    .from(storeDays)
    .where(problemWhere(accountId, since))
    .groupBy(storeDays.status)
    .all();
  const counts: Record<ProblemStatus, number> = { failed: 0, hold: 0, out_of_balance: 0 };
  for (const row of rows) counts[row.status as ProblemStatus] = row.n;
  return counts;
}

async function problemDays(db: Db, accountId: string, since: string): Promise<ProblemDay[]> {
  const rows = await db
    .select({
      storeId: storeDays.storeId,
      storeName: stores.name,
      salesDate: storeDays.salesDate,
      status: storeDays.status,
      lastError: storeDays.lastError,
    })
    .from(storeDays)
    .innerJoin(stores, and(eq(stores.id, storeDays.storeId), eq(stores.accountId, accountId)))
    .where(problemWhere(accountId, since))
    .orderBy(desc(storeDays.salesDate), stores.name)
    .limit(PROBLEM_LIST_LIMIT)
    .all();
  return rows.map((row) => ({ ...row, status: row.status as ProblemStatus }));
}
