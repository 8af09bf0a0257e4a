// Bulk jobs in workerd over D1: a job's start fans its entries out into runs through the work queue, and
// the account's POS bucket lives in D1, where every isolate draws on it.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jobEntries, posBuckets } from "../../server/db/schema";
import { insertJob } from "../../server/repos/jobs";
import { storedBucketLimiter } from "../../server/pos/lightspeed/storedBucket";
import type { QueueMessage } from "../../server/queue/port";
import worker from "../../server/worker";
import { delivery, seedInstalledStore, serviceDb } from "./support";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("bulk jobs on Workers", () => {
  it("split a job into runs of one store and at most 31 days through the queue", async () => {
    const { accountId, storeId } = await seedInstalledStore();
    const db = serviceDb();
    const dates = Array.from({ length: 40 }, (_, i) =>
      new Date(Date.UTC(2026, 6, 1 + i)).toISOString().slice(0, 10),
    );
    // Written as the API writes a job: its 40 entries in inserts that fit D1's bound-value limit.
    const { id: jobId } = await insertJob(
      db,
      {
        accountId,
        name: "Backfill",
        type: "load_missing",
        sources: ["sales"],
        search: { from: dates[0]!, to: dates.at(-1)!, storeIds: [storeId], filter: "missing" },
        notifyEmail: null,
        createdBy: "user-1",
        entries: dates.map((salesDate) => ({ storeId, salesDate })),
      },
      Date.now(),
    );
    const send = vi.spyOn(env.WORK_QUEUE, "send").mockResolvedValue({
      metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date(0) } },
    });

    const batch = createMessageBatch("daybook-work", [
      delivery<QueueMessage>({ type: "job.start", accountId, jobId }),
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(1);
    expect(await db.select().from(jobEntries).where(eq(jobEntries.jobId, jobId))).toHaveLength(40);
    expect(send.mock.calls.map(([message]) => message)).toEqual([
      { type: "job.run", accountId, jobId, storeId, from: "2026-07-01", to: "2026-07-31" },
      { type: "job.run", accountId, jobId, storeId, from: "2026-08-01", to: "2026-08-09" },
    ]);
  });

  it("keep the account's POS bucket in D1, shared by the limiters of every isolate", async () => {
    const db = serviceDb();
    const key = `pos|${crypto.randomUUID()}`;
    // A clock that moves only when a limiter sleeps: the wait is counted, not timed.
    let now = Date.now();
    let slept = 0;
    const time = {
      clock: () => now,
      sleep: async (ms: number) => {
        now += ms;
        slept += ms;
      },
    };
    const a = storedBucketLimiter(db, key, time);
    const b = storedBucketLimiter(db, key, time);
    const first = await a.acquire();
    await first.settle(
      new Headers({
        "X-LS-Api-Bucket-Level": "1/3",
        "X-LS-Api-Drip-Rate": "20",
        "X-LS-Api-Request-Cost": "1",
      }),
    );
    await b.acquire(); // on its way: counted in full
    await a.acquire();
    const [row] = await db.select().from(posBuckets).where(eq(posBuckets.key, key));
    expect(row).toMatchObject({ size: 3, dripRate: 20, cost: 1, inFlight: 2 });
    // Full: the next request waits for room, a drip's 1/20 s.
    expect(slept).toBe(0);
    await b.acquire();
    expect(slept).toBeGreaterThanOrEqual(50);
  });
});
