// The Worker in workerd: webhooks through fetch() into the queue, the queue() consumer over D1, its
// dead-letter queue and its refusals.
import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deadLetters, executions, storeDays, webhookDeliveries } from "../../server/db/schema";
import type { QueueMessage } from "../../server/queue/port";
import worker from "../../server/worker";
import { delivery, seedInstalledStore, testDb, webhookRequest } from "./support";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Captures what the Worker sends to the work queue instead of letting the local queue deliver it. */
function spyOnWorkQueue() {
  return vi.spyOn(env.WORK_QUEUE, "send").mockResolvedValue({
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date(0) } },
  });
}

async function fetchWorker(
  request: Request<unknown, IncomingRequestCfProperties>,
  bindings: Cloudflare.Env = env,
) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function consume(queue: string, messages: ServiceBindingQueueMessage[]) {
  const batch = createMessageBatch(queue, messages);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

/** A verified webhook as the route queues it, delivered to the consumer. */
const webhookMessage = (posAccountId: string, topic: string, data: Record<string, unknown>) =>
  delivery<QueueMessage>({
    type: "webhook",
    deliveryId: `delivery-${crypto.randomUUID()}`,
    topic,
    posAccountId,
    triggeredAt: new Date().toISOString(),
    data,
  });

const recordedDelivery = (id: string) =>
  testDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));

describe("fetch: POST /webhooks/pos", () => {
  it("accepts a signed delivery, records it, queues it, and the consumer acknowledges it", async () => {
    const send = spyOnWorkQueue();
    const deliveryId = `delivery-${crypto.randomUUID()}`;
    const request = await webhookRequest({
      deliveryId,
      topic: "store.created",
      accountId: "pos-account-never-installed",
      data: { shopID: "7" },
    });

    const response = await fetchWorker(request);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "accepted" });
    expect(await recordedDelivery(deliveryId)).toHaveLength(1);
    expect(send).toHaveBeenCalledTimes(1);
    const [queued, options] = send.mock.calls[0]!;
    expect(queued).toMatchObject({
      type: "webhook",
      deliveryId,
      topic: "store.created",
      posAccountId: "pos-account-never-installed",
      data: { shopID: "7" },
    });
    expect(options).toEqual({ contentType: "json" });

    const message = delivery(queued);
    const result = await consume("daybook-work", [message]);
    expect(result.explicitAcks).toEqual([message.id]);
    expect(result.retryMessages).toEqual([]);
  });

  it("acknowledges a redelivery as a duplicate without queueing it again", async () => {
    const send = spyOnWorkQueue();
    const sent = {
      deliveryId: `delivery-${crypto.randomUUID()}`,
      topic: "store.created",
      accountId: "pos-account-never-installed",
      data: { shopID: "7" },
    };

    const first = await fetchWorker(await webhookRequest(sent));
    const again = await fetchWorker(await webhookRequest(sent));

    expect(await first.json()).toEqual({ status: "accepted" });
    expect(await again.json()).toEqual({ status: "duplicate" });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("answers 500 and forgets the delivery when the queue refuses it, so that the POS's retry is taken", async () => {
    vi.spyOn(env.WORK_QUEUE, "send").mockRejectedValue(new Error("Too Many Requests"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const deliveryId = `delivery-${crypto.randomUUID()}`;

    const response = await fetchWorker(
      await webhookRequest({
        deliveryId,
        topic: "store.created",
        accountId: "pos-account-x",
        data: { shopID: "7" },
      }),
    );

    expect(response.status).toBe(500);
    expect(await recordedDelivery(deliveryId)).toEqual([]);
  });

  it("refuses a delivery signed with another secret: 401, nothing recorded, nothing queued", async () => {
    const send = spyOnWorkQueue();
    const deliveryId = `delivery-${crypto.randomUUID()}`;
    const request = await webhookRequest(
      { deliveryId, topic: "store.created", accountId: "pos-account-x", data: { shopID: "7" } },
      "not-the-client-secret-of-this-app-0000",
    );

    const response = await fetchWorker(request);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_signature" } });
    expect(await recordedDelivery(deliveryId)).toEqual([]);
    expect(send).not.toHaveBeenCalled();
  });
});

describe("fetch: configuration", () => {
  // The Worker logs the problem too; the tests read it from the response.
  beforeEach(() => {
    vi.spyOn(console, "error").mockImplementation(() => {});
  });

  it("answers 500 naming the setting when the environment is invalid", async () => {
    const response = await fetchWorker(new Request("https://daybook.test/health"), {
      ...env,
      APP_URL: "nowhere",
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: { code: "misconfigured", message: expect.stringContaining("APP_URL") },
    });
  });

  it("refuses SANDBOX=1 rather than running the sandbox", async () => {
    const response = await fetchWorker(new Request("https://daybook.test/sandbox/pos/backoffice"), {
      ...env,
      SANDBOX: "1",
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: { code: "misconfigured", message: expect.stringContaining("SANDBOX") },
    });
  });

  it("refuses a DATABASE_URL naming a D1 binding that does not exist", async () => {
    const response = await fetchWorker(new Request("https://daybook.test/health"), {
      ...env,
      DATABASE_URL: "d1:NOPE",
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining('no D1 binding named "NOPE"') },
    });
  });

  it("refuses a file: DATABASE_URL: a Worker has no file system", async () => {
    const response = await fetchWorker(new Request("https://daybook.test/health"), {
      ...env,
      DATABASE_URL: "file:./.data/daybook.db",
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining("no file system") },
    });
  });

  it("builds a Turso database from a libsql:// URL, which connects at its first query only", async () => {
    const response = await fetchWorker(new Request("https://daybook.test/health"), {
      ...env,
      DATABASE_URL: "libsql://daybook-test.turso.io",
      DATABASE_AUTH_TOKEN: "turso-token",
    });

    expect(response.status).toBe(200);
  });

  it("serves the app when the environment is valid", async () => {
    const response = await fetchWorker(new Request("https://daybook.test/health"));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe("queue", () => {
  it("rejects a batch from a queue it does not consume, acknowledging nothing", async () => {
    const message = delivery<QueueMessage>({
      type: "day.load",
      accountId: "a",
      storeId: "s",
      salesDate: "2026-11-20",
      trigger: "nightly",
      reload: false,
    });
    const batch = createMessageBatch("daybook-elsewhere", [message]);
    const ctx = createExecutionContext();

    await expect(worker.queue(batch, env)).rejects.toThrow('no consumer for queue "daybook-elsewhere"');
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual([]);
  });

  it("retries a message whose handler fails and acknowledges the rest of the batch", async () => {
    const { posAccountId } = await seedInstalledStore();
    // A void without its sale: the handler's validation throws.
    const failing = webhookMessage(posAccountId, "sale.voided", { shopID: "1" });
    const ignored = webhookMessage("pos-account-never-installed", "store.created", { shopID: "1" });

    const result = await consume("daybook-work", [failing, ignored]);

    expect(result.retryMessages).toEqual([{ msgId: failing.id }]);
    expect(result.explicitAcks).toEqual([ignored.id]);
  });

  it("applies a void of an installed account to D1: the store-day and its execution log", async () => {
    const { accountId, storeId, posAccountId, posShopId } = await seedInstalledStore();
    const message = webhookMessage(posAccountId, "sale.voided", {
      shopID: posShopId,
      saleID: "42",
      completeTime: "2026-03-14T15:00:00+00:00",
    });

    const result = await consume("daybook-work", [message]);

    expect(result.explicitAcks).toEqual([message.id]);
    const days = await testDb().select().from(storeDays).where(eq(storeDays.storeId, storeId));
    expect(days).toMatchObject([{ accountId, salesDate: "2026-03-14", status: "missing" }]);
    const runs = await testDb()
      .select()
      .from(executions)
      .where(and(eq(executions.accountId, accountId), eq(executions.action, "sale.voided")));
    expect(runs).toMatchObject([
      { storeId, salesDate: "2026-03-14", trigger: "webhook", status: "succeeded" },
    ]);
  });

  it("records the dead-letter queue's messages in dead_letters and acknowledges them", async () => {
    const body: QueueMessage = {
      type: "day.load",
      accountId: `acct-${crypto.randomUUID()}`,
      storeId: "store-1",
      salesDate: "2026-03-14",
      trigger: "webhook",
      reload: true,
    };
    const message = delivery(body, 6);

    const result = await consume("daybook-dead", [message]);

    expect(result.explicitAcks).toEqual([message.id]);
    const rows = await testDb()
      .select()
      .from(deadLetters)
      .where(eq(deadLetters.body, JSON.stringify(body)));
    expect(rows).toMatchObject([{ queue: "daybook-dead", attempts: 6, error: "retries exhausted" }]);
  });
});

describe("fetch: the extension under /app", () => {
  it("serves index.html from the assets binding with the POS origin written in, framed by the POS only", async () => {
    const response = await fetchWorker(
      new Request("https://daybook.example.com/app/day/1/2026-11-20?id_token=x"),
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(`<meta name="daybook:pos-origin" content="${env.POS_ORIGIN}">`);
    expect(page).toMatch(/<script type="module"[^>]+src="\/app\/assets\/[^"]+\.js"/);
    expect(response.headers.get("content-security-policy")).toContain(`frame-ancestors ${env.POS_ORIGIN}`);
  });

  it("serves the hashed assets the page names", async () => {
    const page = await (await fetchWorker(new Request("https://daybook.example.com/app/days"))).text();
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(page)![1]!;
    const response = await fetchWorker(new Request(`https://daybook.example.com${script}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });
});
