// What the POS's webhooks do, end to end: the sandbox back office acts, the sandbox signs and sends
// the webhook, the app verifies and queues it, the consumer runs the handler and the day services
// against the sandbox POS API.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PosDay } from "../../../shared/schemas/posDay";
import { posCredentials } from "../../../server/auth/posTokens";
import {
  accounts,
  connections,
  executions,
  mappings,
  snapshots,
  storeDays,
  stores,
  webhookDeliveries,
} from "../../../server/db/schema";
import { manifest } from "../../../server/manifest";
import { createMerchantHistory } from "../../../server/sandbox/pos/history";
import { DEMO_COFFEE } from "../../../server/sandbox/pos/roster";
import { createFullStack, type FullStack } from "../../support/fullStack";
import { sandboxMapping } from "../../support/sandboxMapping";

let stack: FullStack;
const INSTALLED = Date.parse("2026-11-20T15:00:00Z");
const NEXT_MORNING = Date.parse("2026-11-21T15:00:00Z"); // 10:00 in Toronto, 07:00 in Vancouver

beforeEach(async () => {
  stack = await createFullStack(INSTALLED);
  await stack.install();
  const [account] = await stack.db.select().from(accounts);
  await stack.db.insert(mappings).values({
    id: "m1",
    accountId: account!.id,
    version: 1,
    status: "active",
    body: sandboxMapping(),
    activatedAt: INSTALLED,
  });
  stack.clock.set(NEXT_MORNING);
});
afterEach(() => stack.close());

async function backOffice(action: string, form: Record<string, string>) {
  const response = await stack.request(`${stack.env.posOrigin}/sandbox/pos/backoffice/${action}`, {
    method: "POST",
    body: new URLSearchParams({ account: "1001", ...form }),
  });
  expect(decodeURIComponent(response.headers.get("location") ?? "")).not.toContain("error=");
}

async function storeOf(posShopId: string) {
  const [store] = await stack.db.select().from(stores).where(eq(stores.posShopId, posShopId));
  return store!;
}

async function dayOf(posShopId: string, salesDate: string) {
  const store = await storeOf(posShopId);
  const [day] = await stack.db
    .select()
    .from(storeDays)
    .where(and(eq(storeDays.storeId, store.id), eq(storeDays.salesDate, salesDate)));
  return day;
}

async function loadYesterdayEverywhere() {
  const { runNightly } = await import("../../../server/services/nightly");
  const result = await runNightly(stack.deps);
  expect(result.queued).toBe(3);
  await stack.drain();
}

describe("webhooks from the sandbox POS", () => {
  it("the install subscribed every manifest topic to the app's endpoint", async () => {
    const [account] = await stack.db.select().from(accounts);
    const token = await posCredentials(stack.deps, account!.id).accessToken();
    const response = await stack.request(`${stack.env.posApiUrl}/Account/1001/Webhook.json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = JSON.stringify(await response.json());
    for (const topic of manifest.webhooks.topics) {
      expect(body).toContain(topic);
    }
    expect(body).toContain(`${stack.env.appUrl}/webhooks/pos`);
  });

  it("the nightly run loads yesterday for every store past its cutoff, queued for posting", async () => {
    await loadYesterdayEverywhere();
    for (const shop of ["1", "2", "3"]) {
      const day = await dayOf(shop, "2026-11-20");
      expect(day?.status).toBe("queued");
      expect(day?.dueAt).toBe(NEXT_MORNING + 30 * 60_000);
      expect(Number(day?.netSales)).toBeGreaterThan(0);
    }
  });

  it("a burst of voids on a loaded day causes one coalesced reload that sees them", async () => {
    await loadYesterdayEverywhere();
    const day = await dayOf("1", "2026-11-20");
    const [snapshot] = await stack.db.select().from(snapshots).where(eq(snapshots.id, day!.snapshotId!));
    const sales = (snapshot!.body as PosDay).sales.filter((sale) => !sale.voided).slice(0, 3);
    for (const sale of sales) await backOffice("void", { saleID: sale.id });

    await stack.drain(); // the three webhooks: one reload scheduled, two folded into it
    expect(await stack.db.select().from(webhookDeliveries)).toHaveLength(3);
    expect((await dayOf("1", "2026-11-20"))?.reloadPendingSince).not.toBeNull();
    expect(await stack.drain()).toBe(0); // the reload waits out its coalescing delay
    expect(await stack.drain(60)).toBe(1);

    const reloaded = await dayOf("1", "2026-11-20");
    expect(reloaded?.reloadPendingSince).toBeNull();
    expect(reloaded?.status).toBe("queued");
    expect(reloaded?.snapshotId).not.toBe(day?.snapshotId);
    const [fresh] = await stack.db.select().from(snapshots).where(eq(snapshots.id, reloaded!.snapshotId!));
    const voided = (fresh!.body as PosDay).sales.filter((sale) => sales.some((s) => s.id === sale.id));
    expect(voided.every((sale) => sale.voided)).toBe(true);
    expect(Number(reloaded?.netSales)).toBeLessThan(Number(day?.netSales));
    const reloads = await stack.db.select().from(executions).where(eq(executions.action, "reload"));
    expect(reloads).toHaveLength(1);
  });

  it("a void on a day without data reloads nothing", async () => {
    const history = createMerchantHistory();
    const [shop] = history.shops(DEMO_COFFEE, { voids: {}, closes: {}, locations: [] });
    const view = history.day(
      DEMO_COFFEE,
      shop!,
      "2026-11-15",
      { voids: {}, closes: {}, locations: [] },
      stack.clock.now(),
    );
    const sale = view?.sales.find((candidate) => candidate.voided === "false");
    await backOffice("void", { saleID: sale!.saleID });
    await stack.drain(120);
    expect(await stack.db.select().from(executions).where(eq(executions.action, "reload"))).toEqual([]);
    expect((await dayOf("1", "2026-11-15"))?.status).toBe("missing");
  });

  it("register.closed loads the day once every register of the store is closed", async () => {
    await backOffice("close-register", { shopID: "1", registerID: "1" });
    await stack.drain();
    expect(await dayOf("1", "2026-11-21")).toBeUndefined();
    const waiting = await stack.db.select().from(executions).where(eq(executions.action, "register.closed"));
    expect(waiting).toHaveLength(1);

    await backOffice("close-register", { shopID: "1", registerID: "2" });
    await stack.drain();
    const day = await dayOf("1", "2026-11-21");
    expect(day?.status).toBe("queued");
    expect(await stack.db.select().from(executions).where(eq(executions.action, "load"))).toHaveLength(1);
  });

  it("store.created adds the new location as a store", async () => {
    await backOffice("open-location", { name: "Demo Coffee Old Port", province: "QC" });
    await stack.drain();
    const all = await stack.db.select().from(stores);
    expect(all.map((s) => s.name)).toContain("Demo Coffee Old Port");
    expect(all).toHaveLength(4);
  });

  it("app.uninstalled purges the tokens and stops the account; a redelivery is acknowledged and changes nothing", async () => {
    await backOffice("uninstall", {});
    await stack.drain();
    const [account] = await stack.db.select().from(accounts);
    expect(account?.status).toBe("uninstalled");
    const [pos] = await stack.db.select().from(connections);
    expect(pos?.accessToken).toBeNull();
    expect(pos?.refreshToken).toBeNull();
    const [delivery] = await stack.db.select().from(webhookDeliveries);

    // The POS sends the same delivery again, freshly signed.
    const { signWebhook } = await import("../../../server/sandbox/pos/webhookSender");
    const body = JSON.stringify({
      deliveryId: delivery!.id,
      topic: "app.uninstalled",
      accountId: "1001",
      triggeredAt: new Date(stack.clock.now()).toISOString(),
      data: {},
    });
    const again = await stack.request("/webhooks/pos", {
      method: "POST",
      headers: { "X-Pos-Hmac-Sha256": await signWebhook(stack.env.posClientSecret, body) },
      body,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "duplicate" });
    const uninstalls = await stack.db.select().from(executions).where(eq(executions.action, "uninstall"));
    expect(uninstalls).toHaveLength(1);
    // And the nightly run leaves the uninstalled account alone.
    const { runNightly } = await import("../../../server/services/nightly");
    expect(await runNightly(stack.deps)).toEqual({ queued: 0, skipped: 0 });
  });
});
