import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { databaseOf } from "../../../server/db/client";
import { migrateDatabase } from "../../../server/db/migrate";
import { deadLetters, queueMessages } from "../../../server/db/schema";
import { createDbConsumer, createDbQueue } from "../../../server/queue/dbQueue";
import { MAX_ATTEMPTS, type QueueMessage, RetryLater } from "../../../server/queue/port";

async function setup() {
  const db = databaseOf(createClient({ url: ":memory:" }));
  await migrateDatabase(db);
  let now = Date.parse("2026-11-20T12:00:00Z");
  const clock = () => now;
  const advance = (seconds: number) => (now += seconds * 1000);
  const queue = createDbQueue({ db, clock });
  const handled: { message: QueueMessage; attempts: number }[] = [];
  let failWith: (attempts: number) => Error | undefined = () => undefined;
  const consumer = createDbConsumer({
    db,
    clock,
    leaseMs: 30_000,
    handler: async (message, { attempts }) => {
      handled.push({ message, attempts });
      const error = failWith(attempts);
      if (error) throw error;
    },
  });
  return { db, queue, consumer, handled, advance, fail: (f: typeof failWith) => (failWith = f) };
}

const load = (salesDate: string): QueueMessage => ({
  type: "day.load",
  accountId: "a",
  storeId: "s",
  salesDate,
  trigger: "webhook",
  reload: true,
});

describe("the Node queue over the database", () => {
  it("delivers a message once and deletes it after the handler succeeds", async () => {
    const t = await setup();
    await t.queue.send(load("2026-11-19"));
    expect(await t.consumer.drain()).toBe(1);
    expect(await t.consumer.drain()).toBe(0);
    expect(t.handled).toEqual([{ message: load("2026-11-19"), attempts: 1 }]);
    expect(await t.db.select().from(queueMessages)).toEqual([]);
  });

  it("keeps a delayed message invisible until its delay has passed", async () => {
    const t = await setup();
    await t.queue.send(load("2026-11-19"), { delaySeconds: 60 });
    t.advance(59);
    expect(await t.consumer.drain()).toBe(0);
    t.advance(1);
    expect(await t.consumer.drain()).toBe(1);
  });

  it("retries a failing message with exponential backoff, then dead-letters it after the last attempt", async () => {
    const t = await setup();
    t.fail(() => new Error("POS unavailable"));
    await t.queue.send(load("2026-11-19"));
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await t.consumer.drain()).toBe(1);
      const [row] = await t.db.select().from(queueMessages);
      if (!row) break;
      const delay = (row.visibleAt - t.advance(0)) / 1000;
      delays.push(delay);
      t.advance(delay - 1);
      expect(await t.consumer.drain()).toBe(0);
      t.advance(1);
    }
    expect(delays).toEqual([2, 4, 8, 16, 32]);
    expect(t.handled.map((h) => h.attempts)).toEqual([1, 2, 3, 4, 5, 6]);
    const dead = await t.db.select().from(deadLetters);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: MAX_ATTEMPTS, error: "Error: POS unavailable" });
    expect(JSON.parse(dead[0]!.body)).toEqual(load("2026-11-19"));
    expect(await t.db.select().from(queueMessages)).toEqual([]);
  });

  it("retries after the delay a handler asks for (a Retry-After)", async () => {
    const t = await setup();
    t.fail((attempts) => (attempts === 1 ? new RetryLater(120, "rate limited") : undefined));
    await t.queue.send(load("2026-11-19"));
    await t.consumer.drain();
    t.advance(119);
    expect(await t.consumer.drain()).toBe(0);
    t.advance(1);
    expect(await t.consumer.drain()).toBe(1);
    expect(t.handled.map((h) => h.attempts)).toEqual([1, 2]);
  });

  it("re-delivers once a message whose consumer died holding its lease (a restart)", async () => {
    const t = await setup();
    await t.queue.send(load("2026-11-19"));
    // A consumer leases the message, then the process dies before settling it.
    const { leaseMessages } = await import("../../../server/queue/dbQueue");
    const [lost] = await leaseMessages(
      { db: t.db, clock: () => Date.parse("2026-11-20T12:00:00Z"), leaseMs: 30_000 },
      10,
    );
    expect(lost?.attempts).toBe(1);
    expect(await t.consumer.drain()).toBe(0);
    t.advance(30);
    expect(await t.consumer.drain()).toBe(1);
    expect(await t.consumer.drain()).toBe(0);
    expect(t.handled).toEqual([{ message: load("2026-11-19"), attempts: 2 }]);
  });

  it("never hands the same message to two consumers at once", async () => {
    const t = await setup();
    for (let i = 0; i < 40; i++) await t.queue.send(load(`2026-10-${String((i % 28) + 1).padStart(2, "0")}`));
    const { leaseMessages } = await import("../../../server/queue/dbQueue");
    const options = { db: t.db, clock: () => Date.parse("2026-11-20T12:00:00Z") };
    const batches = await Promise.all(Array.from({ length: 8 }, () => leaseMessages(options, 10)));
    const ids = batches.flat().map((leased) => leased.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });

  it("a message survives a restart: a new consumer over the same database delivers it", async () => {
    const t = await setup();
    await t.queue.send(load("2026-11-19"));
    await t.consumer.stop();
    const delivered: QueueMessage[] = [];
    const restarted = createDbConsumer({
      db: t.db,
      clock: () => Date.parse("2026-11-20T12:00:00Z"),
      handler: async (message) => void delivered.push(message),
    });
    expect(await restarted.drain()).toBe(1);
    expect(delivered).toEqual([load("2026-11-19")]);
  });
});
