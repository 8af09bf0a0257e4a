// Cloudflare Queues adapter. The consumer acknowledges each message after its handler succeeded and
// retries the others with the same backoff as the Node queue; after `max_retries` (wrangler.toml)
// Cloudflare moves a message to the dead-letter queue, whose consumer records it in `dead_letters`.
import type { Db } from "../db/client";
import { deadLetters } from "../db/schema";
import { type MessageHandler, type Queue, type QueueMessage, retryDelaySeconds } from "./port";

/** The parts of the Workers runtime's Queue and MessageBatch types that we use. */
export interface QueueBinding {
  send(body: unknown, options?: { contentType?: "json"; delaySeconds?: number }): Promise<unknown>;
}
export interface QueueDelivery {
  readonly body: unknown;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}
export interface QueueBatch {
  readonly queue: string;
  readonly messages: readonly QueueDelivery[];
}

export function cloudflareQueue(binding: QueueBinding): Queue {
  return {
    async send(message, options = {}) {
      await binding.send(message, {
        contentType: "json",
        ...(options.delaySeconds ? { delaySeconds: options.delaySeconds } : {}),
      });
    },
  };
}

/** Handles a batch message by message: one failure never makes the batch's successes run again. */
export async function consumeBatch(batch: QueueBatch, handler: MessageHandler): Promise<void> {
  for (const delivery of batch.messages) {
    try {
      await handler(delivery.body as QueueMessage, { attempts: delivery.attempts });
      delivery.ack();
    } catch (error) {
      delivery.retry({ delaySeconds: retryDelaySeconds(error, delivery.attempts) });
    }
  }
}

/** The dead-letter queue's consumer: keep what could not be done where support can read it. */
export async function recordDeadLetters(db: Db, batch: QueueBatch, now: number): Promise<void> {
  if (batch.messages.length === 0) return;
  await db.insert(deadLetters).values(
    batch.messages.map((delivery) => ({
      queue: batch.queue,
      body: JSON.stringify(delivery.body),
      attempts: delivery.attempts,
      error: "retries exhausted",
      createdAt: now,
    })),
  );
  for (const delivery of batch.messages) delivery.ack();
}
