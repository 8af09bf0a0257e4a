// The completion email of a bulk job, through the sandbox email provider: once per job, in the
// language of the person who queued it, with its failures, and retried while the provider is down.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobView, NewJob } from "../../../shared/api";
import { accounts, executions, jobs, stores } from "../../../server/db/schema";
import { notifyJob } from "../../../server/services/jobNotify";
import { createFullStack, type FullStack } from "../../support/fullStack";

let stack: FullStack;
let accountId: string;
let storeId: string;

interface OutboxEmail {
  to: string[];
  subject: string;
  text: string;
}

beforeEach(async () => {
  stack = await createFullStack(Date.parse("2026-11-20T15:00:00Z"));
  await stack.install();
  accountId = (await stack.db.select().from(accounts))[0]!.id;
  await stack.db.update(accounts).set({ syncStartDate: "2026-10-01" });
  storeId = (await stack.db.select().from(stores).where(eq(stores.posShopId, "1")))[0]!.id;
});
afterEach(() => stack.close());

async function queueJob(employee: string, overrides: Partial<NewJob> = {}): Promise<JobView> {
  const body: NewJob = {
    type: "load_missing",
    name: "October backfill",
    sources: ["sales"],
    notify: true,
    search: { from: "2026-10-01", to: "2026-10-03", storeIds: [storeId], filter: "missing" },
    entries: ["2026-10-01", "2026-10-02", "2026-10-03"].map((salesDate) => ({ storeId, salesDate })),
    ...overrides,
  };
  const response = await stack.api("POST", "/api/jobs", body, employee);
  expect(response.status).toBe(201);
  return ((await response.json()) as { job: JobView }).job;
}

async function outbox(): Promise<OutboxEmail[]> {
  const response = await stack.request(`${stack.env.posOrigin}/sandbox/mail/outbox.json`);
  return ((await response.json()) as { emails: OutboxEmail[] }).emails;
}

describe("the completion email", () => {
  it("goes once to the person who asked, with the job's counts and its failures", async () => {
    const job = await queueJob("1");
    expect(job.notifyEmail).toBe("sam@democoffee.test");
    // One entry fails: the sync start moves past it before the job runs.
    await stack.db.update(accounts).set({ syncStartDate: "2026-10-02" });
    await stack.drain();

    const [email, ...others] = await outbox();
    expect(others).toEqual([]);
    expect(email!.to).toEqual(["sam@democoffee.test"]);
    expect(email!.subject).toBe("Daybook job completed: October backfill");
    expect(email!.text).toContain("Completed: 2. Failed: 1. Cancelled: 0.");
    expect(email!.text).toContain(
      "2026-10-01: 2026-10-01 is before the sync start date, 2026-10-02 (before_sync_start)",
    );
    expect(email!.text).toContain("Settings › POS Load Scheduler");

    // Delivered again (the queue is at least once): nothing more is sent.
    await notifyJob(stack.deps, { accountId, jobId: job.id });
    expect(await outbox()).toHaveLength(1);
    const [row] = await stack.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row?.notifiedAt).not.toBeNull();
  });

  it("speaks the language of the person who queued the job", async () => {
    await queueJob("4", { name: "Rattrapage d'octobre" });
    await stack.drain();
    const [email] = await outbox();
    expect(email!.to).toEqual(["julien@democoffee.test"]);
    expect(email!.subject).toBe("Tâche Daybook terminée : Rattrapage d'octobre");
    expect(email!.text).toContain("Terminées : 3. En échec : 0. Annulées : 0.");
  });

  it("is retried while the provider is down, then sent once", async () => {
    await queueJob("1");
    stack.faults.order({ target: "mail", fault: "500", count: 1 });
    await stack.drain();
    expect(await outbox()).toEqual([]);
    const attempts = await stack.db
      .select()
      .from(executions)
      .where(and(eq(executions.action, "notify"), eq(executions.status, "failed")));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.error).toMatch(/500/);

    await stack.drain(60);
    expect(await outbox()).toHaveLength(1);
  });

  it("is not sent for a job that was cancelled, nor when nobody asked", async () => {
    const cancelled = await queueJob("1");
    await stack.api("POST", "/api/jobs/cancel", { jobIds: [cancelled.id] });
    await queueJob("1", { notify: false, name: "Quiet" });
    await stack.drain();
    expect(await outbox()).toEqual([]);
  });
});
