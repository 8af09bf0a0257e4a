// Where a verified delivery goes: recorded by its id (a redelivery is recognised) and queued, before
// the POS gets its 200. This one works with any queue (Cloudflare Queues on Workers); the Node
// runtime uses dbInbox.ts, which does both in one transaction because its queue is a table.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { webhookDeliveries } from "../db/schema";
import type { Queue, QueueMessage } from "../queue/port";
import type { WebhookEnvelope } from "./envelope";

export type Acceptance = "accepted" | "duplicate";

export interface WebhookInbox {
  accept(delivery: WebhookEnvelope, receivedAt: number): Promise<Acceptance>;
}

export function messageOf(delivery: WebhookEnvelope): QueueMessage {
  return {
    type: "webhook",
    deliveryId: delivery.deliveryId,
    topic: delivery.topic,
    posAccountId: delivery.accountId,
    triggeredAt: delivery.triggeredAt,
    data: delivery.data,
  };
}

export function recordThenQueue(db: Db, queue: Queue): WebhookInbox {
  return {
    async accept(delivery, receivedAt) {
      const recorded = await db
        .insert(webhookDeliveries)
        .values({
          id: delivery.deliveryId,
          posAccountId: delivery.accountId,
          topic: delivery.topic,
          receivedAt,
        })
        .onConflictDoNothing()
        .returning({ id: webhookDeliveries.id });
      if (recorded.length === 0) return "duplicate";
      try {
        await queue.send(messageOf(delivery));
      } catch (error) {
        // Not queued: forget the delivery so that the POS's retry is accepted, not taken for a duplicate.
        await db.delete(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.deliveryId));
        throw error;
      }
      return "accepted";
    },
  };
}
