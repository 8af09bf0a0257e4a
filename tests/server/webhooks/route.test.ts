import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hmacSha256Base64 } from "../../../server/crypto/hmac";
import { queueMessages, webhookDeliveries } from "../../../server/db/schema";
import { createDbQueue, type DbQueue } from "../../../server/queue/dbQueue";
import type { Queue } from "../../../server/queue/port";
import { databaseInbox } from "../../../server/webhooks/dbInbox";
import { recordThenQueue } from "../../../server/webhooks/inbox";
import { webhookRoutes } from "../../../server/webhooks/route";
import { manualClock, testEnv } from "../../support/installPlatform";
import { createTestDatabase, type TestDatabase } from "../../support/database";

const env = testEnv();
const clock = manualClock(Date.parse("2026-11-20T15:00:00Z"));
let database: TestDatabase;
let queue: DbQueue;

beforeEach(async () => {
  database = await createTestDatabase();
  queue = createDbQueue({ db: database.db, clock: clock.clock });
});
afterEach(() => database.close());

const INBOXES = {
  "record, then queue (Workers)": () => recordThenQueue(database.db, queue),
  "one transaction (Node)": () => databaseInbox(database.db, queue),
};
let inbox: keyof typeof INBOXES;

function routes(overrides: Partial<Queue> = {}) {
  const deps = { env, clock: clock.clock };
  if (Object.keys(overrides).length)
    return webhookRoutes(deps, recordThenQueue(database.db, { ...queue, ...overrides }));
  return webhookRoutes(deps, INBOXES[inbox]());
}

function delivery(overrides: Record<string, unknown> = {}) {
  return {
    deliveryId: "d-1",
    topic: "sale.voided",
    accountId: "1001",
    triggeredAt: new Date(clock.now() - 1000).toISOString(),
    data: {
      shopID: "1",
      saleID: "77",
      completeTime: "2026-11-19T18:30:00-05:00",
      voidedAt: "2026-11-20T14:59:00Z",
    },
    ...overrides,
  };
}

async function post(body: string, signature?: string | null, app = routes()) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const sig = signature === undefined ? await hmacSha256Base64(env.posClientSecret, body) : signature;
  if (sig !== null) headers["X-Pos-Hmac-Sha256"] = sig;
  return app.request("/webhooks/pos", { method: "POST", headers, body });
}

async function stored() {
  return {
    deliveries: await database.db.select().from(webhookDeliveries),
    messages: await database.db.select().from(queueMessages),
  };
}

describe.each(Object.keys(INBOXES) as (keyof typeof INBOXES)[])("POST /webhooks/pos, inbox: %s", (name) => {
  beforeEach(() => {
    inbox = name;
  });

  it("accepts a signed delivery: records it and queues the event before answering", async () => {
    const response = await post(JSON.stringify(delivery()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "accepted" });
    const { deliveries, messages } = await stored();
    expect(deliveries.map((d) => d.id)).toEqual(["d-1"]);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.body)).toMatchObject({
      type: "webhook",
      deliveryId: "d-1",
      topic: "sale.voided",
      posAccountId: "1001",
      data: { saleID: "77" },
    });
  });

  it.each([
    ["missing", null],
    ["empty", ""],
    ["made with another secret", "another"],
    ["of another body", "other body"],
  ])("refuses a %s signature with 401 and stores nothing", async (_, kind) => {
    const body = JSON.stringify(delivery());
    const signature =
      kind === null || kind === ""
        ? kind
        : kind === "another"
          ? await hmacSha256Base64("another-secret-of-at-least-32-characters", body)
          : await hmacSha256Base64(env.posClientSecret, JSON.stringify(delivery({ deliveryId: "d-2" })));
    const response = await post(body, signature);
    expect(response.status).toBe(401);
    expect(await stored()).toEqual({ deliveries: [], messages: [] });
  });

  it("refuses a body changed after signing (one byte)", async () => {
    const body = JSON.stringify(delivery());
    const signature = await hmacSha256Base64(env.posClientSecret, body);
    const response = await post(body.replace('"77"', '"78"'), signature);
    expect(response.status).toBe(401);
    expect(await stored()).toEqual({ deliveries: [], messages: [] });
  });

  it("refuses a delivery triggered more than 5 minutes ago, naming the field", async () => {
    const stale = delivery({ triggeredAt: new Date(clock.now() - 5 * 60_000 - 1000).toISOString() });
    const response = await post(JSON.stringify(stale));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "stale_delivery", field: "triggeredAt" } });
    expect(await stored()).toEqual({ deliveries: [], messages: [] });
  });

  it("acknowledges a redelivery without queueing the event again", async () => {
    const first = await post(JSON.stringify(delivery()));
    const again = await post(JSON.stringify(delivery({ triggeredAt: new Date(clock.now()).toISOString() })));
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "duplicate" });
    const { deliveries, messages } = await stored();
    expect(deliveries).toHaveLength(1);
    expect(messages).toHaveLength(1);
  });

  it("refuses a topic Daybook does not subscribe to with 400 naming the topic", async () => {
    const response = await post(JSON.stringify(delivery({ topic: "customer.updated" })));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_delivery", field: "topic" } });
    expect(await stored()).toEqual({ deliveries: [], messages: [] });
  });

  it.each([
    ["malformed JSON", "{not json", "malformed_json"],
    ["a JSON array", "[]", "invalid_delivery"],
    ["no delivery id", JSON.stringify(delivery({ deliveryId: undefined })), "invalid_delivery"],
    [
      "a triggeredAt that is not a date",
      JSON.stringify(delivery({ triggeredAt: "yesterday" })),
      "invalid_delivery",
    ],
  ])("refuses %s with 400 and stores nothing", async (_, body, code) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code } });
    expect(await stored()).toEqual({ deliveries: [], messages: [] });
  });

  it("queues a burst of concurrent deliveries exactly once each, redeliveries included", async () => {
    const app = routes();
    const bodies = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify(delivery({ deliveryId: `d-${i % 20}` })),
    );
    const responses = await Promise.all(bodies.map((body) => post(body, undefined, app)));
    const statuses = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { status: string }).status),
    );
    expect(statuses.filter((s) => s === "accepted")).toHaveLength(20);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(10);
    const { deliveries, messages } = await stored();
    expect(deliveries).toHaveLength(20);
    expect(new Set(messages.map((m) => JSON.parse(m.body).deliveryId)).size).toBe(20);
    expect(messages).toHaveLength(20);
  });

  it("forgets the delivery when it could not be queued, so the POS's retry is accepted", async () => {
    const failing = routes({
      send: async () => {
        throw new Error("queue unavailable");
      },
    });
    const body = JSON.stringify(delivery());
    await expect(post(body, undefined, failing)).resolves.toHaveProperty("status", 500);
    expect(await stored()).toEqual({ deliveries: [], messages: [] });
    const retry = await post(body);
    expect(await retry.json()).toEqual({ status: "accepted" });
  });
});
