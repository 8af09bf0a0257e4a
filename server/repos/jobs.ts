// Bulk jobs of the POS Load Scheduler and their entries (one store-day each). An entry is run under a
// lease: whoever claimed it owns it until the lease ends, so two runners never run it at the same time,
// and a runner that died leaves it to be claimed again once its lease has passed.
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, max, min, or, sql } from "drizzle-orm";
import type { EntryStatus, JobCounts, JobSearch, JobStatus, JobType, PosSource } from "../../shared/api";
import type { Db } from "../db/client";
import { jobEntries, jobs } from "../db/schema";
import { newId } from "../crypto/random";
import { insertGroups } from "./batch";

export type Job = typeof jobs.$inferSelect;
export type JobEntry = typeof jobEntries.$inferSelect;

const ACTIVE: JobStatus[] = ["pending", "running"];
const FINISHED: JobStatus[] = ["completed", "cancelled"];
const UNFINISHED: EntryStatus[] = ["pending", "running"];

export interface NewJobRow {
  accountId: string;
  name: string;
  type: JobType;
  sources: PosSource[];
  search: JobSearch;
  notifyEmail: string | null;
  createdBy: string;
  entries: { storeId: string; salesDate: string }[];
}

/** The job and all its entries, pending, in one batch: a job never exists without its entries. */
export async function insertJob(db: Db, row: NewJobRow, now: number): Promise<Job> {
  const id = newId();
  const job = {
    id,
    accountId: row.accountId,
    name: row.name,
    type: row.type,
    sources: row.sources.join(","),
    status: "pending" as const,
    params: row.search,
    notifyEmail: row.notifyEmail,
    createdBy: row.createdBy,
    createdAt: now,
  };
  const entries = row.entries.map((entry) => ({
    id: newId(),
    jobId: id,
    accountId: row.accountId,
    storeId: entry.storeId,
    salesDate: entry.salesDate,
    status: "pending" as const,
  }));
  // An entry binds 6 values.
  const inserts = insertGroups(entries, 6).map((group) => db.insert(jobEntries).values(group));
  await db.batch([db.insert(jobs).values(job), ...inserts]);
  return (await findJob(db, row.accountId, id))!;
}

export function findJob(db: Db, accountId: string, jobId: string): Promise<Job | undefined> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.accountId, accountId), eq(jobs.id, jobId)))
    .get();
}

/** The account's jobs that are waiting or running (`active`), or those that ended, newest first. */
export function listJobs(db: Db, accountId: string, state: "active" | "completed", limit = 50) {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.accountId, accountId), inArray(jobs.status, state === "active" ? ACTIVE : FINISHED)))
    .orderBy(desc(jobs.createdAt))
    .limit(limit);
}

export interface JobShape {
  counts: JobCounts;
  stores: number;
  entries: number;
  from: string;
  to: string;
}

/** For each job: its entries by status, its stores and its dates. */
export async function shapesOf(db: Db, jobIds: string[]): Promise<Map<string, JobShape>> {
  const shapes = new Map<string, JobShape>();
  if (jobIds.length === 0) return shapes;
  const [byStatus, extent] = await Promise.all([
    db
      .select({ jobId: jobEntries.jobId, status: jobEntries.status, n: count() })
      .from(jobEntries)
      .where(inArray(jobEntries.jobId, jobIds))
      .groupBy(jobEntries.jobId, jobEntries.status),
    db
      .select({
        jobId: jobEntries.jobId,
        stores: sql<number>`count(distinct ${jobEntries.storeId})`,
        entries: count(),
        from: min(jobEntries.salesDate),
        to: max(jobEntries.salesDate),
      })
      .from(jobEntries)
      .where(inArray(jobEntries.jobId, jobIds))
      .groupBy(jobEntries.jobId),
  ]);
  for (const row of extent)
    shapes.set(row.jobId, {
      counts: { pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 },
      stores: Number(row.stores),
      entries: row.entries,
      from: row.from ?? "",
      to: row.to ?? "",
    });
  for (const row of byStatus) {
    const shape = shapes.get(row.jobId);
    if (shape) shape.counts[row.status] = row.n;
  }
  return shapes;
}

export function listEntries(db: Db, jobId: string): Promise<JobEntry[]> {
  return db
    .select()
    .from(jobEntries)
    .where(eq(jobEntries.jobId, jobId))
    .orderBy(asc(jobEntries.storeId), asc(jobEntries.salesDate));
}

/** The stores of a job's unfinished entries with their first and last date, to split it into runs. */
export function unfinishedByStore(db: Db, jobId: string) {
  return db
    .select({ storeId: jobEntries.storeId, salesDate: jobEntries.salesDate })
    .from(jobEntries)
    .where(and(eq(jobEntries.jobId, jobId), inArray(jobEntries.status, UNFINISHED)))
    .orderBy(asc(jobEntries.storeId), asc(jobEntries.salesDate));
}

export interface Lease {
  id: string;
  until: number;
}

/**
 * Claims the entries of one store and date range that nobody runs: pending ones, and running ones whose
 * runner's lease has ended (it died). One statement, so two runners never claim the same entry.
 */
/** The entries of one store and date range of a job: what one run of it works on. */
export interface Run {
  jobId: string;
  storeId: string;
  from: string;
  to: string;
}

const inRun = (run: Run) =>
  and(
    eq(jobEntries.jobId, run.jobId),
    eq(jobEntries.storeId, run.storeId),
    gte(jobEntries.salesDate, run.from),
    lte(jobEntries.salesDate, run.to),
  );

export async function claimEntries(db: Db, run: Run, lease: Lease, now: number): Promise<JobEntry[]> {
  return db
    .update(jobEntries)
    .set({
      status: "running",
      leaseId: lease.id,
      leaseUntil: lease.until,
      startedAt: sql`coalesce(${jobEntries.startedAt}, ${now})`,
    })
    .where(
      and(
        inRun(run),
        or(
          eq(jobEntries.status, "pending"),
          and(eq(jobEntries.status, "running"), lt(jobEntries.leaseUntil, now)),
        ),
      ),
    )
    .returning()
    .then((rows) => rows.sort((a, b) => a.salesDate.localeCompare(b.salesDate)));
}

/** When another runner's lease on entries of the range ends, if one still runs some. */
export async function otherLeaseEnd(db: Db, run: Run, now: number): Promise<number | undefined> {
  const row = await db
    .select({ until: max(jobEntries.leaseUntil) })
    .from(jobEntries)
    .where(and(inRun(run), eq(jobEntries.status, "running"), gte(jobEntries.leaseUntil, now)))
    .get();
  return row?.until ?? undefined;
}

/** Extends the lease; answers the ids still held (a cancelled entry is no longer). */
export async function renewLease(db: Db, lease: Lease): Promise<Set<string>> {
  const rows = await db
    .update(jobEntries)
    .set({ leaseUntil: lease.until })
    .where(and(eq(jobEntries.leaseId, lease.id), eq(jobEntries.status, "running")))
    .returning({ id: jobEntries.id });
  return new Set(rows.map((row) => row.id));
}

/** Ends an entry the lease still holds: false when it was cancelled meanwhile (cancelling wins). */
export async function finishEntry(
  db: Db,
  entry: { id: string; leaseId: string },
  outcome: { status: "completed" } | { status: "failed"; error: string; errorType: string },
  now: number,
): Promise<boolean> {
  const rows = await db
    .update(jobEntries)
    .set({
      status: outcome.status,
      error: outcome.status === "failed" ? outcome.error : null,
      errorType: outcome.status === "failed" ? outcome.errorType : null,
      finishedAt: now,
      leaseId: null,
      leaseUntil: null,
    })
    .where(
      and(
        eq(jobEntries.id, entry.id),
        eq(jobEntries.leaseId, entry.leaseId),
        eq(jobEntries.status, "running"),
      ),
    )
    .returning({ id: jobEntries.id });
  return rows.length > 0;
}

/** Gives the lease's entries back, pending, for a later run (the POS asked to wait). */
export function releaseLease(db: Db, lease: Lease) {
  return db
    .update(jobEntries)
    .set({ status: "pending", leaseId: null, leaseUntil: null })
    .where(and(eq(jobEntries.leaseId, lease.id), eq(jobEntries.status, "running")));
}

/** The job has started: Pending becomes Running, once. */
export function markStarted(db: Db, jobId: string, now: number) {
  return db
    .update(jobs)
    .set({ status: "running", startedAt: now })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, "pending")));
}

/**
 * Completed once no entry is left to run. Answers the job to the one caller that completed it (so that
 * its email is sent once), undefined to every other.
 */
export async function completeIfDone(db: Db, jobId: string, now: number): Promise<Job | undefined> {
  const unfinished = db
    .select({ id: jobEntries.id })
    .from(jobEntries)
    .where(and(eq(jobEntries.jobId, jobId), inArray(jobEntries.status, UNFINISHED)));
  const rows = await db
    .update(jobs)
    .set({ status: "completed", finishedAt: now })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, ACTIVE), sql`not exists ${unfinished}`))
    .returning();
  return rows[0];
}

/**
 * Cancels the account's unfinished jobs among `jobIds`: their pending and running entries are
 * cancelled, completed and failed ones kept. Answers the ids of the jobs it cancelled.
 */
export async function cancelJobs(
  db: Db,
  accountId: string,
  jobIds: string[],
  now: number,
): Promise<string[]> {
  const [cancelled] = await db.batch([
    db
      .update(jobs)
      .set({ status: "cancelled", finishedAt: now })
      .where(and(eq(jobs.accountId, accountId), inArray(jobs.id, jobIds), inArray(jobs.status, ACTIVE)))
      .returning({ id: jobs.id }),
    db
      .update(jobEntries)
      .set({ status: "cancelled", finishedAt: now, leaseId: null, leaseUntil: null })
      .where(
        and(
          eq(jobEntries.accountId, accountId),
          inArray(jobEntries.jobId, jobIds),
          inArray(jobEntries.status, UNFINISHED),
        ),
      ),
  ]);
  return cancelled.map((row) => row.id);
}

/** The completion email went out: never again for this job. */
export function markNotified(db: Db, jobId: string, now: number) {
  return db
    .update(jobs)
    .set({ notifiedAt: now })
    .where(and(eq(jobs.id, jobId), isNull(jobs.notifiedAt)));
}
