// app.uninstalled (DESIGN §7): the POS has already revoked our access; forget the tokens of every
// connection, mark the account uninstalled and stop what was scheduled for it, in one batch with
// its execution. A redelivery, an unknown account or a delivery older than the latest install
// changes nothing.
import { and, count, eq, inArray, isNotNull, or } from "drizzle-orm";
import { jobEntries, jobs, storeDays } from "../db/schema";
import type { Deps } from "../deps";
import { findAccountByPosAccountId, markAccountUninstalled } from "../repos/accounts";
import { runAtomically } from "../repos/batch";
import { purgeConnectionTokens } from "../repos/connections";
import { finishedExecution } from "../repos/executions";

export interface UninstallCause {
  /** Who reported it, e.g. the webhook delivery id. */
  actor?: string;
  /** When the POS triggered the event (epoch ms): an uninstall older than the latest install is stale. */
  triggeredAt?: number;
}

/** True when the account was uninstalled by this call. */
export async function uninstallAccount(
  deps: Pick<Deps, "db" | "clock">,
  posAccountId: string,
  cause: UninstallCause = {},
): Promise<boolean> {
  const { db, clock } = deps;
  const account = await findAccountByPosAccountId(db, posAccountId);
  if (account?.status !== "installed") return false;
  if (cause.triggeredAt !== undefined && cause.triggeredAt < account.installedAt) return false;

  const now = clock();
  const scheduledDays = pendingDays(account.id);
  const activeJobs = and(eq(jobs.accountId, account.id), inArray(jobs.status, ["pending", "running"]));
  const activeEntries = and(
    eq(jobEntries.accountId, account.id),
    inArray(jobEntries.status, ["pending", "running"]),
  );
  const [days] = await db.select({ n: count() }).from(storeDays).where(scheduledDays);
  const [stoppedJobs] = await db.select({ n: count() }).from(jobs).where(activeJobs);

  await runAtomically(db, [
    purgeConnectionTokens(db, account.id, now),
    markAccountUninstalled(db, account.id, now),
    db.update(storeDays).set({ reloadPendingSince: null, dueAt: null, updatedAt: now }).where(scheduledDays),
    db.update(jobs).set({ status: "cancelled", finishedAt: now }).where(activeJobs),
    db.update(jobEntries).set({ status: "cancelled", finishedAt: now }).where(activeEntries),
    ...finishedExecution(
      db,
      clock,
      { accountId: account.id, action: "uninstall", trigger: "webhook", actor: cause.actor ?? null },
      [
        { level: "info", message: "Daybook uninstalled from the POS", data: { posAccountId } },
        { level: "info", message: "Access tokens deleted" },
        { level: "info", message: "Scheduled loads and posts stopped", data: { storeDays: days?.n ?? 0 } },
        { level: "info", message: "Running and pending jobs cancelled", data: { jobs: stoppedJobs?.n ?? 0 } },
      ],
    ),
  ]);
  return true;
}

function pendingDays(accountId: string) {
  return and(
    eq(storeDays.accountId, accountId),
    or(isNotNull(storeDays.reloadPendingSince), isNotNull(storeDays.dueAt)),
  );
}
