// Bulk jobs end to end against the sandbox POS: fan-out through the database queue, ranges read at once,
// failures kept to their entry, cancelling, a process that dies mid-job, two runners on one run.
import { and, eq, isNotNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobDetail, JobView, NewJob } from "../../../shared/api";
import { datesBetween } from "../../../shared/time";
import { accounts, executions, jobEntries, mappings, queueMessages, stores } from "../../../server/db/schema";
import type { LedgerChart } from "../../../server/ledger/port";
import { posClientFor } from "../../../server/pos/forAccount";
import type { PosClient } from "../../../server/pos/port";
import { leaseMessages } from "../../../server/queue/dbQueue";
import { RetryLater, type QueueMessage } from "../../../server/queue/port";
import { claimEntries } from "../../../server/repos/jobs";
import { LEASE_MS, runJob, splitIntoRuns, startJob } from "../../../server/services/jobRun";
import { createFullStack, type FullStack } from "../../support/fullStack";
import { mappingForChart } from "../../support/ledgerMapping";

const INSTALLED = Date.parse("2026-11-20T15:00:00Z");
let stack: FullStack;
let accountId: string;
let storeIds: string[];

beforeEach(async () => {
  stack = await createFullStack(INSTALLED);
  await stack.install();
  accountId = (await stack.db.select().from(accounts))[0]!.id;
  await stack.db.update(accounts).set({ syncStartDate: "2026-09-01" });
  storeIds = (await stack.db.select().from(stores).orderBy(stores.posShopId)).map((store) => store.id);
  await stack.connectLedger("qbo", await stack.sessionToken("1001", "1"), "9341450000001001");
  const chart = ((await (await stack.api("GET", "/api/ledger/chart")).json()) as { chart: LedgerChart })
    .chart;
  await stack.db.insert(mappings).values({
    id: "m1",
    accountId,
    version: 1,
    status: "active",
    body: mappingForChart(chart),
    activatedAt: stack.clock.now(),
  });
});
afterEach(() => stack.close());

function newJob(type: NewJob["type"], stores: string[], from: string, to: string): NewJob {
  return {
    type,
    name: `${type} ${from}`,
    sources: ["sales"],
    notify: false,
    search: { from, to, storeIds: stores, filter: type === "load_missing" ? "missing" : "reload" },
    entries: stores.flatMap((storeId) => datesBetween(from, to).map((salesDate) => ({ storeId, salesDate }))),
  };
}

async function queueJob(job: NewJob): Promise<JobView> {
  const response = await stack.api("POST", "/api/jobs", job);
  expect(response.status).toBe(201);
  return ((await response.json()) as { job: JobView }).job;
}

const detail = async (jobId: string) =>
  (await (await stack.api("GET", `/api/jobs/${jobId}`)).json()) as JobDetail;
const loadsOf = (jobId: string) =>
  stack.db
    .select()
    .from(executions)
    .where(and(eq(executions.jobId, jobId), eq(executions.action, "load")));

/** The queue's messages of one type, oldest first. */
async function queued(type: QueueMessage["type"]) {
  const rows = await stack.db.select().from(queueMessages);
  return rows
    .map((row) => JSON.parse(row.body) as QueueMessage)
    .filter((message): message is Extract<QueueMessage, { type: "job.run" }> => message.type === type);
}

describe("a bulk job", () => {
  it("loads the missing days of two stores, a range at a time, and ends Completed", async () => {
    const job = await queueJob(newJob("load_missing", storeIds.slice(0, 2), "2026-10-01", "2026-10-10"));
    expect(job).toMatchObject({
      status: "pending",
      stores: 2,
      entries: 20,
      from: "2026-10-01",
      to: "2026-10-10",
    });
    await stack.drain();

    const done = await detail(job.id);
    expect(done.job).toMatchObject({ status: "completed", counts: { completed: 20, failed: 0, pending: 0 } });
    expect(done.job.startedAt).not.toBeNull();
    expect(done.stores.map((store) => store.entries.length)).toEqual([10, 10]);
    expect(done.stores.flatMap((store) => store.entries.map((entry) => entry.status))).toEqual(
      Array(20).fill("completed"),
    );
    // Every store-day loaded once, on behalf of the person, recorded as the job's.
    const loads = await loadsOf(job.id);
    expect(loads).toHaveLength(20);
    expect(new Set(loads.map((run) => `${run.storeId}|${run.salesDate}`)).size).toBe(20);
    expect(loads.every((run) => run.trigger === "job" && run.status === "succeeded")).toBe(true);

    // Load missing again: the days have data now, nothing is loaded twice.
    const again = await queueJob(newJob("load_missing", storeIds.slice(0, 2), "2026-10-01", "2026-10-10"));
    await stack.drain();
    expect((await detail(again.id)).job.counts.completed).toBe(20);
    expect(await loadsOf(again.id)).toHaveLength(0);
  });

  it("splits a job into runs of one store and at most 31 days", () => {
    const entries = [
      ...datesBetween("2026-07-01", "2026-08-15").map((salesDate) => ({ storeId: "a", salesDate })),
      { storeId: "b", salesDate: "2026-07-01" },
      { storeId: "b", salesDate: "2026-09-30" },
    ];
    expect(splitIntoRuns(entries)).toEqual([
      { storeId: "a", from: "2026-07-01", to: "2026-07-31" },
      { storeId: "a", from: "2026-08-01", to: "2026-08-15" },
      { storeId: "b", from: "2026-07-01", to: "2026-07-01" },
      { storeId: "b", from: "2026-09-30", to: "2026-09-30" },
    ]);
  });

  it("keeps a failure to its entry: the others run and the job completes with the failure counted", async () => {
    await queueJob(newJob("load_missing", [storeIds[0]!], "2026-10-01", "2026-10-03"));
    await stack.drain();
    const job = await queueJob(newJob("reload", [storeIds[0]!], "2026-10-01", "2026-10-05"));
    // The sync start moves after the job was queued: its first day is now out of bounds.
    await stack.db.update(accounts).set({ syncStartDate: "2026-10-02" });
    await stack.drain();

    const done = await detail(job.id);
    expect(done.job).toMatchObject({ status: "completed", counts: { completed: 4, failed: 1 } });
    const entries = done.stores[0]!.entries;
    expect(entries[0]).toMatchObject({ status: "failed", errorType: "before_sync_start" });
    expect(entries[0]!.error).toContain("before the sync start date");
    // The others ran, as Reload runs on one day: days that had no data are loaded.
    expect(entries.slice(1).map((entry) => entry.status)).toEqual(Array(4).fill("completed"));
    expect(await loadsOf(job.id)).toHaveLength(0);
    const reloads = await stack.db.select().from(executions).where(eq(executions.jobId, job.id));
    expect(reloads.filter((run) => run.action === "reload")).toHaveLength(4);
  });

  it("cancels what is pending or running and keeps what completed; a runner reading the POS stops", async () => {
    const job = await queueJob(newJob("load_missing", storeIds.slice(0, 2), "2026-09-01", "2026-10-15"));
    await startJob(stack.deps, { accountId, jobId: job.id });
    const runs = await queued("job.run");
    expect(runs.map((run) => [run.from, run.to])).toEqual([
      ["2026-09-01", "2026-10-01"],
      ["2026-10-02", "2026-10-15"],
      ["2026-09-01", "2026-10-01"],
      ["2026-10-02", "2026-10-15"],
    ]);
    await runJob(stack.deps, pos(), runs[0]!, { attempts: 1 });

    // The next run is reading the POS when the person cancels.
    const gate = slowPos();
    const running = runJob(stack.deps, gate.factory, runs[1]!, { attempts: 1 });
    await until(async () => (await detail(job.id)).job.counts.running === 14);
    const cancelled = await stack.api("POST", "/api/jobs/cancel", { jobIds: [job.id] });
    expect(cancelled.status).toBe(200);
    gate.open();
    await running;
    await stack.drain();

    const done = await detail(job.id);
    expect(done.job).toMatchObject({
      status: "cancelled",
      counts: { completed: 31, cancelled: 59, running: 0 },
    });
    expect(done.job.finishedAt).not.toBeNull();
    expect(await loadsOf(job.id)).toHaveLength(31);
    expect((await stack.api("GET", "/api/jobs?state=completed")).status).toBe(200);
  });

  it("resumes after a process died mid-job, without running an entry twice", async () => {
    const job = await queueJob(newJob("load_missing", [storeIds[0]!], "2026-09-01", "2026-10-15"));
    await startJob(stack.deps, { accountId, jobId: job.id });
    const runs = await queued("job.run");
    // Process A takes every message, finishes the first run but dies before acknowledging it, and dies
    // again in the middle of reading the second run's days from the POS.
    await leaseMessages({ db: stack.db, clock: stack.clock.clock }, 10);
    await runJob(stack.deps, pos(), runs[0]!, { attempts: 1 });
    const hung = slowPos();
    const dead = runJob(stack.deps, hung.factory, runs[1]!, { attempts: 1 }).catch((error: unknown) => error);
    await until(async () => (await detail(job.id)).job.counts.running === 14);

    // The restart: the leases of the dead process end, and the queue delivers its messages again.
    stack.clock.advance(LEASE_MS + 61_000);
    await stack.drain();
    const done = await detail(job.id);
    expect(done.job).toMatchObject({ status: "completed", counts: { completed: 45, failed: 0 } });
    const loads = await loadsOf(job.id);
    expect(loads).toHaveLength(45);
    expect(new Set(loads.map((run) => run.salesDate)).size).toBe(45);

    hung.fail(new Error("process A is gone"));
    expect(await dead).toBeInstanceOf(Error);
    expect((await detail(job.id)).job.counts.completed).toBe(45);
  });

  it("never runs an entry twice at the same time: a second runner of the same run waits for the lease", async () => {
    const job = await queueJob(newJob("load_missing", [storeIds[0]!], "2026-10-01", "2026-10-05"));
    await startJob(stack.deps, { accountId, jobId: job.id });
    const [run] = await queued("job.run");
    const results = await Promise.allSettled([
      runJob(stack.deps, pos(), run!, { attempts: 1 }),
      runJob(stack.deps, pos(), run!, { attempts: 1 }),
    ]);
    for (const result of results)
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(RetryLater);
    expect(await loadsOf(job.id)).toHaveLength(5);
    expect((await detail(job.id)).job).toMatchObject({ status: "completed", counts: { completed: 5 } });
  });

  it("never claims an entry another runner holds until its lease has ended", async () => {
    const job = await queueJob(newJob("load_missing", [storeIds[0]!], "2026-10-01", "2026-10-02"));
    const run = { jobId: job.id, storeId: storeIds[0]!, from: "2026-10-01", to: "2026-10-02" };
    const now = stack.clock.now();
    expect(await claimEntries(stack.db, run, { id: "a", until: now + 1000 }, now)).toHaveLength(2);
    expect(await claimEntries(stack.db, run, { id: "b", until: now + 1000 }, now + 999)).toHaveLength(0);
    expect(await claimEntries(stack.db, run, { id: "b", until: now + 5000 }, now + 1001)).toHaveLength(2);
    const held = await stack.db.select().from(jobEntries).where(isNotNull(jobEntries.leaseId));
    expect(held.map((entry) => entry.leaseId)).toEqual(["b", "b"]);
  });
});

/** The account's real POS client. */
const pos = () => (account: { id: string; posAccountId: string }) => posClientFor(stack.deps, account);

/** A POS client whose range reads wait until the test opens (or fails) them. */
function slowPos() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  const factory = (account: { id: string; posAccountId: string }): PosClient => {
    const real = posClientFor(stack.deps, account);
    return {
      ...real,
      days: async (...args) => {
        await gate;
        return real.days(...args);
      },
    };
  };
  return { factory, open, fail };
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the condition never held");
}
