// The Worker's cron in workerd: the hourly nightly pass over D1.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../server/worker";
import { seedInstalledStore } from "./support";

afterEach(() => {
  vi.restoreAllMocks();
});

async function runCron(cron: string) {
  const send = vi.spyOn(env.WORK_QUEUE, "send").mockResolvedValue({
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date(0) } },
  });
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron }), env, ctx);
  await waitOnExecutionContext(ctx);
  return send;
}

describe("scheduled", () => {
  // First in this file: the database has no account yet.
  it("runs the nightly pass on an empty database and queues nothing", async () => {
    const send = await runCron("0 * * * *");

    expect(send).not.toHaveBeenCalled();
  });

  it("queues yesterday's load for an installed store past its cutoff", async () => {
    const { accountId, storeId } = await seedInstalledStore();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

    const send = await runCron("0 * * * *");

    expect(send).toHaveBeenCalledWith(
      { type: "day.load", accountId, storeId, salesDate: yesterday, trigger: "nightly", reload: false },
      { contentType: "json" },
    );
  });

  it("sends the store-days whose posting is due, every minute", async () => {
    const { accountId, storeId } = await seedInstalledStore();
    await env.DB.prepare(
      "INSERT INTO store_days (id, account_id, store_id, sales_date, status, due_at) VALUES ('due-day', ?, ?, '2026-11-19', 'queued', 1)",
    )
      .bind(accountId, storeId)
      .run();

    const send = await runCron("* * * * *");

    expect(send).toHaveBeenCalledWith(
      { type: "day.post", accountId, storeId, salesDate: "2026-11-19", trigger: "queue" },
      { contentType: "json" },
    );
  });

  it("rejects a cron it has no job for", async () => {
    await expect(runCron("*/5 * * * *")).rejects.toThrow('no job for cron "*/5 * * * *"');
  });
});
