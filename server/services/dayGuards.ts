// The rules of the day actions (seeds 000/001/003): what must be true before a person may reload,
// regenerate or post one store-day, each refusal with a code the extension translates and a reason.
import { eq } from "drizzle-orm";
import { type ActionAvailability, DAY_ACTIONS, type DayAction } from "../../shared/api";
import { generate } from "../../shared/engine/generate";
import { toLocale } from "../../shared/i18n";
import { describeProblem } from "../../shared/problemText";
import { parsePosDay } from "../../shared/schemas/posDay";
import { snapshots } from "../db/schema";
import type { Deps } from "../deps";
import { connectedLedger } from "../ledger/forAccount";
import type { Account } from "../repos/accounts";
import { findConnection } from "../repos/connections";
import { activeMapping } from "../repos/mappings";
import type { StoreDay } from "../repos/storeDays";
import type { Store } from "../repos/stores";
import { localDate } from "../../shared/time";
import { cachedChartAccounts } from "./ledgerChart";

export type { DayAction };

export interface Refusal {
  /** 409: the state of things must change first (a connection, a run in progress); 422: the request breaks a rule. */
  status: 409 | 422;
  code: string;
  message: string;
}

export async function refusalOf(
  deps: Pick<Deps, "db" | "clock">,
  action: DayAction,
  subject: { account: Account; store: Store; salesDate: string; day: StoreDay | undefined },
): Promise<Refusal | undefined> {
  const { account, store, salesDate, day } = subject;
  const today = localDate(deps.clock(), store.timezone);
  if (salesDate > today)
    return { status: 422, code: "date_in_future", message: `${salesDate} has not happened yet` };
  if (salesDate < account.syncStartDate)
    return {
      status: 422,
      code: "before_sync_start",
      message: `${salesDate} is before the sync start date, ${account.syncStartDate}`,
    };
  if (day?.status === "posting" || day?.reloadPendingSince)
    return {
      status: 409,
      code: "day_busy",
      message: `${salesDate} is being loaded or posted: try again in a moment`,
    };
  if (!(await activeMapping(deps.db, account.id)))
    return { status: 422, code: "mapping_inactive", message: "activate the mapping first" };

  if (action === "reload") {
    const pos = await findConnection(deps.db, account.id, "pos");
    if (pos?.status !== "connected")
      return { status: 409, code: "pos_reconnect_required", message: "reconnect Daybook to the POS first" };
    return undefined;
  }
  if (!day?.snapshotId)
    return { status: 422, code: "no_data", message: `${salesDate} has no data yet: reload it first` };
  if (action === "regenerate") return day.status === "hold" ? stillHeld(deps, account, day) : undefined;

  if (!(await connectedLedger(deps, account.id)))
    return { status: 409, code: "ledger_not_connected", message: "connect QuickBooks Online or Xero first" };
  if (day.status === "posted")
    return {
      status: 409,
      code: "already_posted",
      message: `${salesDate} is posted and nothing changed since`,
    };
  if (day.status === "queued" || day.status === "update" || day.status === "failed") return undefined;
  const why: Record<string, string> = {
    hold: `${salesDate} is on hold: ${day.lastError ?? "fix its problems, then regenerate"}`,
    out_of_balance: `${salesDate} is out of balance: its sales do not add up to its payments`,
    open: `${salesDate} is still open in the POS`,
    empty: `${salesDate} had no activity: there is nothing to post`,
  };
  return {
    status: 422,
    code: `not_postable_${day.status}`,
    message: why[day.status] ?? `${salesDate} cannot be posted`,
  };
}

/** A day held by the engine is regenerated once its issue is fixed in the mapping: until then, say which. */
async function stillHeld(
  deps: Pick<Deps, "db">,
  account: Account,
  day: StoreDay,
): Promise<Refusal | undefined> {
  const [snapshot, mapping] = await Promise.all([
    deps.db.select().from(snapshots).where(eq(snapshots.id, day.snapshotId!)).get(),
    activeMapping(deps.db, account.id),
  ]);
  const posDay = snapshot && parsePosDay(snapshot.body);
  if (!posDay?.ok || !mapping) return undefined;
  const chart = await cachedChartAccounts(deps, account.id);
  const locale = toLocale(account.locale);
  const result = generate(posDay.value, mapping.mapping, { locale, chart });
  const blocking = result.problems.find((problem) => problem.severity === "hold");
  if (result.status !== "hold" || !blocking) return undefined;
  return {
    status: 422,
    code: "hold_unresolved",
    message: `fix the mapping before regenerating: ${describeProblem(blocking, locale)}`,
  };
}

/** What the Accounting tab shows on each button: allowed, or the refusal the button would meet. */
export async function availableActions(
  deps: Pick<Deps, "db" | "clock">,
  subject: { account: Account; store: Store; salesDate: string; day: StoreDay | undefined },
): Promise<Record<DayAction, ActionAvailability>> {
  const refusals = await Promise.all(DAY_ACTIONS.map((action) => refusalOf(deps, action, subject)));
  const entries = DAY_ACTIONS.map((action, index): [DayAction, ActionAvailability] => {
    const refusal = refusals[index];
    return [
      action,
      refusal ? { allowed: false, code: refusal.code, message: refusal.message } : { allowed: true },
    ];
  });
  return Object.fromEntries(entries) as Record<DayAction, ActionAvailability>;
}
