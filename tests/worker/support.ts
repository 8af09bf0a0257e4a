// What the workerd tests share: the D1 database through drizzle, seeded accounts, signed webhook
// requests, and queue deliveries as Cloudflare hands them to the consumer.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { hmacSha256Base64 } from "../../server/crypto/hmac";
import type { Db } from "../../server/db/client";
import * as schema from "../../server/db/schema";
import { WEBHOOK_SIGNATURE_HEADER } from "../../server/webhooks/envelope";

export const testDb = () => drizzle(env.DB, { schema });

/** The D1 database as the services take it: the Worker's one cast between drivers (server/worker.ts). */
export const serviceDb = () => testDb() as unknown as Db;

export interface SeededStore {
  accountId: string;
  posAccountId: string;
  storeId: string;
  posShopId: string;
}

/** An installed account with one UTC store, past its nightly cutoff at any hour. Ids are unique per call:
 *  the tests of a file share its database. */
export async function seedInstalledStore(): Promise<SeededStore> {
  const key = crypto.randomUUID();
  const seeded = {
    accountId: `acct-${key}`,
    posAccountId: `pos-${key}`,
    storeId: `store-${key}`,
    posShopId: `shop-${key}`,
  };
  const db = testDb();
  const now = Date.now();
  await db.batch([
    db.insert(schema.accounts).values({
      id: seeded.accountId,
      posAccountId: seeded.posAccountId,
      name: "Workers Test Café",
      syncStartDate: "2000-01-01",
      nightlyCutoff: "00:00",
      installedAt: now,
    }),
    db.insert(schema.stores).values({
      id: seeded.storeId,
      accountId: seeded.accountId,
      posShopId: seeded.posShopId,
      name: "Workers Test Café Downtown",
      timezone: "UTC",
      currency: "CAD",
    }),
  ]);
  return seeded;
}

/** A POST /webhooks/pos as the POS sends it, signed with `secret` (the app's client secret by default). */
export async function webhookRequest(
  delivery: { deliveryId: string; topic: string; accountId: string; data: Record<string, unknown> },
  secret = env.POS_CLIENT_SECRET,
): Promise<Request<unknown, IncomingRequestCfProperties>> {
  const body = JSON.stringify({ ...delivery, triggeredAt: new Date().toISOString() });
  return new Request<unknown, IncomingRequestCfProperties>("https://daybook.test/webhooks/pos", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      [WEBHOOK_SIGNATURE_HEADER]: await hmacSha256Base64(secret, body),
    },
    body,
  });
}

/** One delivery of `body` to a consumer, on its `attempts`-th try. */
export function delivery<Body>(body: Body, attempts = 1): ServiceBindingQueueMessage<Body> {
  return { id: crypto.randomUUID(), timestamp: new Date(), attempts, body };
}
