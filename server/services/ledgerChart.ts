// The connected ledger's chart for the mapping screens, cached per account: read again on request
// (the merchant added an account), when a day old, or when the account switched ledgers. And
// disconnecting the ledger.
import { eq } from "drizzle-orm";
import type { ChartAccount } from "../../shared/engine/types";
import { chartAccountOf } from "../../shared/mappingAdvice";
import { ledgerCharts } from "../db/schema";
import type { Deps } from "../deps";
import { connectedLedger, ledgerClientFor } from "../ledger/forAccount";
import { LEDGER_KINDS, LedgerAuthError, type LedgerChart, type LedgerKind } from "../ledger/port";
import { runAtomically } from "../repos/batch";
import { purgeConnectionTokens } from "../repos/connections";
import { finishedExecution } from "../repos/executions";

export const CHART_MAX_AGE_MS = 24 * 60 * 60_000;

export interface CachedChart {
  ledger: LedgerKind;
  chart: LedgerChart;
  fetchedAt: number;
}

export async function ledgerChart(
  deps: Pick<Deps, "env" | "db" | "clock" | "fetch">,
  accountId: string,
  options: { refresh?: boolean } = {},
): Promise<CachedChart> {
  const { db, clock } = deps;
  const ledger = await connectedLedger(deps, accountId);
  if (!ledger) throw new LedgerAuthError("no ledger is connected: connect QuickBooks Online or Xero");
  const cached = await db.select().from(ledgerCharts).where(eq(ledgerCharts.accountId, accountId)).get();
  const fresh = cached && cached.ledger === ledger.kind && clock() - cached.fetchedAt < CHART_MAX_AGE_MS;
  if (cached && fresh && !options.refresh)
    return { ledger: cached.ledger, chart: cached.body as LedgerChart, fetchedAt: cached.fetchedAt };

  const chart = await (await ledgerClientFor(deps, accountId)).chart();
  const row = { accountId, ledger: ledger.kind, body: chart, fetchedAt: clock() };
  await db.insert(ledgerCharts).values(row).onConflictDoUpdate({ target: ledgerCharts.accountId, set: row });
  return { ledger: ledger.kind, chart, fetchedAt: row.fetchedAt };
}

/** The chart as last read, if one was, without asking the ledger (the mapping's advice reads it). */
export async function cachedLedgerChart(
  deps: Pick<Deps, "db">,
  accountId: string,
): Promise<LedgerChart | undefined> {
  const cached = await deps.db.select().from(ledgerCharts).where(eq(ledgerCharts.accountId, accountId)).get();
  return cached ? (cached.body as LedgerChart) : undefined;
}

/** The cached chart's accounts as the engine reads them (to refuse receivables), if a chart was read. */
export async function cachedChartAccounts(
  deps: Pick<Deps, "db">,
  accountId: string,
): Promise<ChartAccount[] | undefined> {
  return (await cachedLedgerChart(deps, accountId))?.accounts.map(chartAccountOf);
}

/** Forgets the ledger's tokens (every ledger kind of the account), recording who did it. */
export async function disconnectLedger(deps: Pick<Deps, "db" | "clock">, accountId: string, actor: string) {
  const { db, clock } = deps;
  const now = clock();
  await runAtomically(db, [
    ...LEDGER_KINDS.map((kind) => purgeConnectionTokens(db, accountId, now, kind)),
    ...finishedExecution(db, clock, { accountId, action: "disconnect", trigger: "user", actor }, [
      { level: "info", message: "Disconnected the ledger" },
    ]),
  ]);
}
