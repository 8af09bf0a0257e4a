// Database rows as the API shows them (shared/api.ts): internals such as account ids, snapshot ids,
// fingerprint maps and sync tokens stay on the server.
import type { AccountingDocument, DayTotals, Problem } from "../../shared/engine/types";
import type { DayView, DocumentView, ExecutionView, StoreView } from "../../shared/api";
import type { documents } from "../db/schema";
import type { ExecutionRow } from "../repos/executions";
import type { StoreDay } from "../repos/storeDays";
import type { Store } from "../repos/stores";

export function storeView(store: Store): StoreView {
  const { id, posShopId, name, timezone, currency, accountingClass, active } = store;
  return { id, posShopId, name, timezone, currency, accountingClass, active };
}

/** The store-day, or a `missing` one when nothing was ever loaded for that date. */
export function dayView(storeId: string, salesDate: string, day: StoreDay | undefined): DayView {
  if (!day)
    return {
      storeId,
      salesDate,
      status: "missing",
      netSales: null,
      dueAt: null,
      lastError: null,
      reloadPending: false,
      totals: null,
      problems: [],
      mappingVersion: null,
      updatedAt: null,
    };
  return {
    storeId,
    salesDate,
    status: day.status,
    netSales: day.netSales,
    dueAt: day.dueAt,
    lastError: day.lastError,
    reloadPending: day.reloadPendingSince !== null,
    totals: (day.totals as DayTotals | null) ?? null,
    problems: (day.problems as Problem[] | null) ?? [],
    mappingVersion: day.mappingVersion,
    updatedAt: day.updatedAt,
  };
}

export function documentView(row: typeof documents.$inferSelect): DocumentView {
  return {
    id: row.id,
    kind: row.kind,
    body: row.body as AccountingDocument,
    ledger: row.ledger,
    ledgerId: row.ledgerId,
    postedFingerprint: row.postedFingerprint,
    postedAt: row.postedAt,
  };
}

export function executionView(row: ExecutionRow): ExecutionView {
  const { id, action, trigger, actor, status, error, storeId, salesDate, startedAt, finishedAt } = row;
  return { id, action, trigger, actor, status, error, storeId, salesDate, startedAt, finishedAt };
}
