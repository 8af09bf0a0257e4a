// Signed webhook deliveries from the sandbox POS to the apps (the contract server/webhooks/ verifies):
// POST <url>, Content-Type application/json, body { deliveryId, topic, accountId, triggeredAt, data },
// X-Pos-Hmac-Sha256 = base64(HMAC-SHA256(client secret, raw body)), X-Pos-Topic, X-Pos-Delivery-Id.
// Deliveries run in the background; a non-2xx answer or a network error is retried with backoff, with
// the same deliveryId and a fresh triggeredAt (re-signed).
import type { Clock } from "../../clock";
import { hmacSha256Base64 } from "../../crypto/hmac";

export type WebhookTopic = "sale.voided" | "register.closed" | "store.created" | "app.uninstalled";

export interface WebhookEnvelope {
  deliveryId: string;
  topic: WebhookTopic;
  accountId: string;
  triggeredAt: string;
  data: Record<string, unknown>;
}

/** base64(HMAC-SHA256(key = the app's client secret, message = the raw body)). */
export function signWebhook(secret: string, body: string | Uint8Array<ArrayBuffer>): Promise<string> {
  return hmacSha256Base64(secret, body);
}

export interface WebhookDelivery {
  url: string;
  envelope: WebhookEnvelope;
  /** The HTTP status of each attempt, or "error" for a network error. */
  attempts: (number | "error")[];
  delivered: boolean;
}

export interface WebhookSender {
  /** Queues one delivery per URL and returns at once. */
  send(accountId: string, topic: WebhookTopic, data: Record<string, unknown>, urls: readonly string[]): void;
  /** Resolves when every delivery queued so far has succeeded or given up. */
  idle(): Promise<void>;
  /** Deliveries made so far, most recent last (for the back office and tests). */
  deliveries(): readonly WebhookDelivery[];
}

export interface WebhookSenderOptions {
  fetch: typeof fetch;
  clock: Clock;
  clientSecret: string;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per delivery. */
  attempts?: number;
  /** First backoff; doubled after each failed attempt. */
  backoffMs?: number;
  newId?: () => string;
}

/** Deliveries remembered for the back office. */
const KEPT_DELIVERIES = 100;

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 2_000;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const pending = new Set<Promise<void>>();
  const log: WebhookDelivery[] = [];

  async function deliver(delivery: WebhookDelivery): Promise<void> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      delivery.envelope = { ...delivery.envelope, triggeredAt: new Date(options.clock()).toISOString() };
      const body = JSON.stringify(delivery.envelope);
      try {
        const response = await options.fetch(delivery.url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "X-Pos-Hmac-Sha256": await signWebhook(options.clientSecret, body),
            "X-Pos-Topic": delivery.envelope.topic,
            "X-Pos-Delivery-Id": delivery.envelope.deliveryId,
          },
          body,
        });
        await response.arrayBuffer().catch(() => undefined);
        delivery.attempts.push(response.status);
        if (response.ok) {
          delivery.delivered = true;
          return;
        }
      } catch {
        delivery.attempts.push("error");
      }
      if (attempt < maxAttempts) await sleep(backoffMs * 2 ** (attempt - 1));
    }
  }

  return {
    send(accountId, topic, data, urls) {
      for (const url of urls) {
        const delivery: WebhookDelivery = {
          url,
          envelope: { deliveryId: newId(), topic, accountId, triggeredAt: "", data },
          attempts: [],
          delivered: false,
        };
        log.push(delivery);
        if (log.length > KEPT_DELIVERIES) log.shift();
        const running = deliver(delivery).finally(() => pending.delete(running));
        pending.add(running);
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    deliveries: () => log,
  };
}
