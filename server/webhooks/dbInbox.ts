// The Node runtime's inbox: its queue is a table of the same database, so a delivery is recorded and
// queued in one transaction — never one without the other. Deliveries arriving together (concurrent
// requests) share that transaction: two statements per group rather than two per delivery.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queueMessages, webhookDeliveries } from "../db/schema";
import type { DbQueue } from "../queue/dbQueue";
import type { WebhookEnvelope } from "./envelope";
import { type Acceptance, messageOf, type WebhookInbox } from "./inbox";

interface Waiting {
  delivery: WebhookEnvelope;
  receivedAt: number;
  resolve(acceptance: Acceptance): void;
  reject(error: unknown): void;
}

export function databaseInbox(db: Db, queue: DbQueue): WebhookInbox {
  let waiting: Waiting[] = [];

  const flush = async () => {
    const group = waiting;
    waiting = [];
    // The same delivery twice in one group: the first is the delivery, the others are redeliveries.
    const first = new Map<string, Waiting>();
    for (const item of group)
      if (!first.has(item.delivery.deliveryId)) first.set(item.delivery.deliveryId, item);
    const unique = [...first.values()];
    try {
      // Queue first, for the deliveries not recorded yet; then record them all (RETURNING names the new).
      const values = unique.map(
        (item) =>
          sql`(${item.delivery.deliveryId}, ${JSON.stringify(messageOf(item.delivery))}, ${item.receivedAt})`,
      );
      const [, recorded] = await db.batch([
        db.run(sql`INSERT INTO ${queueMessages} (queue, body, visible_at, created_at)
          SELECT ${queue.name}, body, received_at, received_at
          FROM (SELECT column1 AS id, column2 AS body, column3 AS received_at FROM (VALUES ${sql.join(values, sql`, `)}))
          WHERE id NOT IN (SELECT id FROM ${webhookDeliveries})`),
        db
          .insert(webhookDeliveries)
          .values(
            unique.map((item) => ({
              id: item.delivery.deliveryId,
              posAccountId: item.delivery.accountId,
              topic: item.delivery.topic,
              receivedAt: item.receivedAt,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: webhookDeliveries.id }),
      ]);
      const accepted = new Set(recorded.map((row) => row.id));
      for (const item of group)
        item.resolve(
          first.get(item.delivery.deliveryId) === item && accepted.has(item.delivery.deliveryId)
            ? "accepted"
            : "duplicate",
        );
      queue.wake();
    } catch (error) {
      for (const item of group) item.reject(error);
    }
  };

  return {
    accept(delivery, receivedAt) {
      return new Promise((resolve, reject) => {
        if (waiting.length === 0) setImmediate(() => void flush());
        waiting.push({ delivery, receivedAt, resolve, reject });
      });
    },
  };
}
