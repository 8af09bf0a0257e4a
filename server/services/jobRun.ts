// Running a bulk job (DESIGN §7 "Jobs"). `job.start` splits the job's unfinished entries into runs of
// one store and at most RUN_DAYS dates and sends each run through the queue; `job.run` claims the run's
// entries under a lease, reads the whole range from the POS at once (a handful of calls instead of
// several per day), then puts each entry through the single-day service, renewing the lease before each
// one (a cancelled entry drops out of it) and recording Completed or Failed with the reason. The job is
// Completed once nothing is left to run, and its email is queued once.
import type { PosDay } from "../../shared/schemas/posDay";
import { datesBetween, daysBetween, localDate } from "../../shared/time";
import type { Deps } from "../deps";
import { newId } from "../crypto/random";
import { type PosClient, PosAuthError, PosDataError, PosUnavailableError } from "../pos/port";
import { MAX_ATTEMPTS, RetryLater } from "../queue/port";
import { type Account, findAccount } from "../repos/accounts";
import {
  claimEntries,
  completeIfDone,
  findJob,
  finishEntry,
  type Job,
  type JobEntry,
  type Lease,
  markStarted,
  type Run,
  otherLeaseEnd,
  releaseLease,
  renewLease,
  unfinishedByStore,
} from "../repos/jobs";
import { activeMapping } from "../repos/mappings";
import { errorMessage } from "../repos/executions";
import { findStoreDay } from "../repos/storeDays";
import { findStore, type Store } from "../repos/stores";
import { refusalOf } from "./dayGuards";
import { type DayFetcher, loadStoreDay, type PosClientFactory, shopOf, sourcesFor } from "./loadDay";
import { regenerateStoreDay } from "./regenerateDay";
import type { Source } from "../pos/port";

/** Dates of one store read from the POS in one go. */
export const RUN_DAYS = 31;
/** How long a runner owns its entries without renewing: a runner that died frees them after this. */
export const LEASE_MS = 60_000;

export type JobRun = Run & { accountId: string };

type Outcome = { status: "completed" } | { status: "failed"; error: string; errorType: string };

const ACTIVE = new Set(["pending", "running"]);

/** Splits the job into runs through the queue. Sending a run twice is harmless: its entries are claimed once. */
export async function startJob(
  deps: Pick<Deps, "db" | "queue" | "clock">,
  message: { accountId: string; jobId: string },
): Promise<void> {
  const job = await findJob(deps.db, message.accountId, message.jobId);
  if (!job || !ACTIVE.has(job.status)) return;
  const runs = splitIntoRuns(await unfinishedByStore(deps.db, job.id));
  for (const run of runs)
    await deps.queue.send({ type: "job.run", accountId: job.accountId, jobId: job.id, ...run });
  if (runs.length === 0) await finishJob(deps, job.id);
}

/** Per store, consecutive windows of at most RUN_DAYS dates holding the entries (in date order). */
export function splitIntoRuns(entries: { storeId: string; salesDate: string }[]) {
  const runs: { storeId: string; from: string; to: string }[] = [];
  for (const entry of entries) {
    const last = runs.at(-1);
    if (last?.storeId === entry.storeId && daysBetween(last.from, entry.salesDate) < RUN_DAYS)
      last.to = entry.salesDate;
    else runs.push({ storeId: entry.storeId, from: entry.salesDate, to: entry.salesDate });
  }
  return runs;
}

export async function runJob(
  deps: Deps,
  posClient: PosClientFactory,
  run: JobRun,
  delivery: { attempts: number },
): Promise<void> {
  const { db, clock } = deps;
  const job = await findJob(db, run.accountId, run.jobId);
  if (!job || !ACTIVE.has(job.status)) return;
  const lease: Lease = { id: newId(), until: clock() + LEASE_MS };
  const claimed = await claimEntries(db, run, lease, clock());
  if (claimed.length === 0) {
    // Another runner holds them (this message was delivered twice, or its first runner is still at work):
    // come back when its lease ends, in case it died.
    const until = await otherLeaseEnd(db, run, clock());
    if (until !== undefined)
      throw new RetryLater((until - clock()) / 1000 + 1, "another runner holds the entries");
    await finishJob(deps, job.id);
    return;
  }
  await markStarted(db, job.id, clock());

  const lastAttempt = delivery.attempts >= MAX_ATTEMPTS;
  // The lease is renewed while the POS is read, however long its rate limit makes that.
  const heartbeat = setInterval(
    () => void renewLease(db, { id: lease.id, until: clock() + LEASE_MS }),
    LEASE_MS / 3,
  );
  try {
    const account = await findAccount(db, job.accountId);
    const store = account && (await findStore(db, account.id, run.storeId));
    if (!account || account.status !== "installed" || !store) {
      const reason = !store ? "the store no longer exists" : "Daybook is not installed on this account";
      for (const entry of claimed)
        await finishEntry(db, { id: entry.id, leaseId: lease.id }, failure(reason, "not_installed"), clock());
      return;
    }
    let fetchDay: DayFetcher | undefined;
    if (job.type !== "regenerate") {
      try {
        fetchDay = await readRange(deps, posClient(account), account, store, claimed, sourcesOf(job));
      } catch (error) {
        if (error instanceof PosAuthError || lastAttempt) {
          for (const entry of claimed)
            await finishEntry(db, { id: entry.id, leaseId: lease.id }, failureOf(error), clock());
          return;
        }
        await releaseLease(db, lease);
        throw retryable(error) ?? error;
      }
    }
    for (const entry of claimed) {
      const held = await renewLease(db, { id: lease.id, until: clock() + LEASE_MS });
      if (!held.has(entry.id)) continue; // cancelled meanwhile
      let outcome: Outcome;
      try {
        outcome = await runEntry(deps, posClient, { job, account, store, entry }, fetchDay);
      } catch (error) {
        const retry = retryable(error);
        if (retry && !lastAttempt) {
          // The POS asked to wait: this entry and the ones after it go back to pending for the retry.
          await releaseLease(db, lease);
          throw retry;
        }
        outcome = failureOf(error);
      }
      await finishEntry(db, { id: entry.id, leaseId: lease.id }, outcome, clock());
    }
  } finally {
    clearInterval(heartbeat);
  }
  await finishJob(deps, job.id);
}

/** Reads the claimed dates of the store in one range, and serves each load from it. A range the POS
 *  answers with data we cannot read is read again day by day, so that only the bad day fails. */
async function readRange(
  deps: Pick<Deps, "db">,
  client: PosClient,
  account: Account,
  store: Store,
  entries: JobEntry[],
  extra: Source[],
): Promise<DayFetcher> {
  const mapping = await activeMapping(deps.db, account.id);
  const sources = sourcesFor(mapping?.mapping, extra);
  const from = entries[0]!.salesDate;
  const to = entries.at(-1)!.salesDate;
  const read = new Map<string, PosDay>();
  try {
    const days = await client.days(shopOf(store), from, to, sources);
    for (const [index, date] of datesBetween(from, to).entries())
      if (days[index]) read.set(date, days[index]);
  } catch (error) {
    if (!(error instanceof PosDataError)) throw error;
  }
  const key = sources.join(",");
  return (wantedStore, salesDate, wanted) => {
    const day = read.get(salesDate);
    // The mapping may have changed since the range was read: then this day is read with its sources.
    if (day && wantedStore.id === store.id && wanted.join(",") === key) return Promise.resolve(day);
    return client.day(shopOf(wantedStore), salesDate, wanted);
  };
}

/** One entry through the service of its job's type, after the same rules a person meets on the day. */
async function runEntry(
  deps: Deps,
  posClient: PosClientFactory,
  subject: { job: Job; account: Account; store: Store; entry: JobEntry },
  fetchDay: DayFetcher | undefined,
): Promise<Outcome> {
  const { job, account, store, entry } = subject;
  const key = { accountId: account.id, storeId: store.id, salesDate: entry.salesDate };
  const day = await findStoreDay(deps.db, key);
  const request = { ...key, trigger: "job" as const, actor: job.createdBy ?? undefined, jobId: job.id };
  if (entry.salesDate > localDate(deps.clock(), store.timezone))
    return failure(`${entry.salesDate} has not happened yet`, "date_in_future");

  if (job.type === "regenerate") {
    const refusal = await refusalOf(deps, "regenerate", { account, store, salesDate: entry.salesDate, day });
    if (refusal) return failure(refusal.message, refusal.code);
    const outcome = await regenerateStoreDay(deps, request);
    return outcome.regenerated
      ? { status: "completed" }
      : failure(`${entry.salesDate} has no data yet: reload it first`, outcome.reason);
  }
  if (job.type === "load_missing") {
    // Load missing skips the days that have data by now.
    if (day && day.status !== "missing") return { status: "completed" };
  } else {
    const refusal = await refusalOf(deps, "reload", { account, store, salesDate: entry.salesDate, day });
    if (refusal) return failure(refusal.message, refusal.code);
  }
  const reload = job.type === "reload";
  const outcome = await loadStoreDay(
    deps,
    posClient,
    { ...request, reload, extraSources: sourcesOf(job) },
    fetchDay,
  );
  return outcome.loaded
    ? { status: "completed" }
    : failure(LOAD_REFUSALS[outcome.reason](entry.salesDate, account), outcome.reason);
}

const LOAD_REFUSALS = {
  not_installed: () => "Daybook is not installed on this account",
  unknown_store: () => "the store no longer exists",
  before_sync_start: (date: string, account: Account) =>
    `${date} is before the sync start date, ${account.syncStartDate}`,
  reconnect_required: () => "reconnect Daybook to the POS first",
} as const;

/** The job is Completed once nothing is left to run; its email is queued by the one caller that completed it. */
export async function finishJob(deps: Pick<Deps, "db" | "queue" | "clock">, jobId: string): Promise<void> {
  const job = await completeIfDone(deps.db, jobId, deps.clock());
  if (job?.notifyEmail)
    await deps.queue.send({ type: "job.notify", accountId: job.accountId, jobId: job.id });
}

function sourcesOf(job: Job): Source[] {
  return job.sources.split(",").filter(Boolean) as Source[];
}

function failure(error: string, errorType: string): Outcome {
  return { status: "failed", error, errorType };
}

function failureOf(error: unknown): Outcome {
  if (error instanceof PosAuthError) return failure(error.message, "pos_reconnect_required");
  if (error instanceof PosUnavailableError || error instanceof RetryLater)
    return failure(errorMessage(error), "pos_unavailable");
  return failure(errorMessage(error), error instanceof Error ? error.name : "error");
}

/** The error as the queue should retry it, when retrying helps (the POS is unavailable or asked to wait). */
function retryable(error: unknown): RetryLater | Error | undefined {
  if (error instanceof RetryLater) return error;
  if (error instanceof PosUnavailableError)
    return error.retryAfterSeconds !== undefined
      ? new RetryLater(error.retryAfterSeconds, error.message)
      : error;
  return undefined;
}
