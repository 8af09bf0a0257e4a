// What people do in the sandbox back office, and the signed webhooks it sends to the app.
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createLightspeedClient } from "../../../../server/pos/lightspeed/client";
import { dayRangeUtc, lightspeedTime } from "../../../../server/pos/lightspeed/zonedTime";
import { signWebhook } from "../../../../server/sandbox/pos/webhookSender";
import { registerFigures } from "../../../../shared/engine/cashDrawer";
import { APP_URL, API_URL, CLIENT_SECRET, type Sandbox, type SandboxOptions, startSandbox } from "./setup";

const started: Sandbox[] = [];
async function sandbox(options: SandboxOptions = {}) {
  const created = await startSandbox(options);
  started.push(created);
  return created;
}
afterEach(() => {
  for (const created of started.splice(0)) created.close();
});

const WEBHOOK_URL = `${APP_URL}/webhooks/pos`;
const TOPICS = ["sale.voided", "register.closed", "store.created", "app.uninstalled"];

async function subscribeAll(box: Sandbox) {
  for (const topic of TOPICS)
    await box.api("/Account/1001/Webhook.json", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ topic, url: WEBHOOK_URL }),
    });
}

/** The deliveries made so far: their headers, raw body and parsed envelope, the signature checked. */
async function delivered(box: Sandbox) {
  await box.sender.idle();
  return Promise.all(
    box.deliveries.map(async (request) => {
      const raw = await request.clone().text();
      const expected = createHmac("sha256", CLIENT_SECRET).update(raw).digest("base64");
      return {
        url: request.url,
        method: request.method,
        contentType: request.headers.get("Content-Type"),
        topic: request.headers.get("X-Pos-Topic"),
        deliveryId: request.headers.get("X-Pos-Delivery-Id"),
        signed: request.headers.get("X-Pos-Hmac-Sha256") === expected,
        body: JSON.parse(raw) as {
          deliveryId: string;
          topic: string;
          accountId: string;
          triggeredAt: string;
          data: Record<string, unknown>;
        },
      };
    }),
  );
}

async function yesterdaysFirstSale(box: Sandbox) {
  const { start, end } = dayRangeUtc("2026-05-14", "America/Toronto");
  const range = encodeURIComponent(`><,${lightspeedTime(start)},${lightspeedTime(end - 1000)}`);
  const body = await box.apiJson(`/Account/1001/Sale.json?shopID=1&completeTime=${range}&limit=1`);
  return body.Sale as { saleID: string; completeTime: string; voided: string };
}

function clientOf(box: Sandbox) {
  const sleep = async (ms: number) => box.advance(ms);
  return createLightspeedClient({
    apiUrl: API_URL,
    credentials: {
      accessToken: async () => "token-1001",
      refresh: async () => "token-1001",
      revoke: async () => {},
    },
    fetch: box.fetch,
    clock: box.clock,
    sleep,
  });
}

describe("voiding a sale", () => {
  it("voids it in the API and sends a signed sale.voided webhook", async () => {
    const box = await sandbox();
    await subscribeAll(box);
    const sale = await yesterdaysFirstSale(box);
    const response = await box.post("/backoffice/void", { account: "1001", saleID: sale.saleID });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toMatch(/^\/sandbox\/pos\/backoffice\?account=1001&notice=/);

    const [delivery, ...others] = await delivered(box);
    expect(others).toEqual([]);
    expect(delivery).toMatchObject({
      url: WEBHOOK_URL,
      method: "POST",
      contentType: "application/json",
      topic: "sale.voided",
      signed: true,
    });
    expect(delivery?.deliveryId).toBe(delivery?.body.deliveryId);
    expect(delivery?.body).toEqual({
      deliveryId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      topic: "sale.voided",
      accountId: "1001",
      triggeredAt: new Date(box.clock()).toISOString(),
      data: {
        shopID: "1",
        saleID: sale.saleID,
        completeTime: sale.completeTime,
        voidedAt: lightspeedTime(box.clock()),
      },
    });
    expect((await yesterdaysFirstSale(box)).voided).toBe("true");
  });

  it("refuses to void a sale twice or a sale that does not exist", async () => {
    const box = await sandbox();
    const sale = await yesterdaysFirstSale(box);
    await box.post("/backoffice/void", { account: "1001", saleID: sale.saleID });
    const again = await box.post("/backoffice/void", { account: "1001", saleID: sale.saleID });
    expect(decodeURIComponent(again.headers.get("Location") ?? "")).toMatch(
      /error=sale \d+ is already voided/,
    );
    const missing = await box.post("/backoffice/void", { account: "1001", saleID: "1" });
    expect(decodeURIComponent(missing.headers.get("Location") ?? "")).toMatch(/error=there is no sale 1/);
  });

  it("is remembered across a restart", async () => {
    const box = await sandbox();
    const sale = await yesterdaysFirstSale(box);
    await box.post("/backoffice/void", { account: "1001", saleID: sale.saleID });
    const restarted = await startSandbox({ db: box.database });
    expect((await yesterdaysFirstSale(restarted)).voided).toBe("true");
  });
});

describe("closing a register", () => {
  it("closes today's session with the count and announces it", async () => {
    const box = await sandbox();
    await subscribeAll(box);
    const client = clientOf(box);
    const shop = (await client.shop("1"))!;
    expect((await client.day(shop, "2026-05-15", ["sales"])).closed).toBe(false);

    await box.post("/backoffice/close-register", {
      account: "1001",
      shopID: "1",
      registerID: "1",
      counted: "250.00",
    });
    const [delivery] = await delivered(box);
    expect(delivery?.signed).toBe(true);
    expect(delivery?.body.data).toEqual({
      shopID: "1",
      registerID: "1",
      registerCountID: "120260515",
      openTime: expect.stringMatching(/^2026-05-15T10:\d\d:00\+00:00$/),
      closeTime: lightspeedTime(box.clock()),
    });
    expect((await client.registers("1")).map((r) => [r.posRegisterId, r.open])).toEqual([
      ["1", false],
      ["2", true],
    ]);
    const partly = await client.day(shop, "2026-05-15", ["sales"]);
    expect(partly.closed).toBe(false);
    expect(partly.registers.find((r) => r.id === "1")).toMatchObject({ counted: "250.00" });

    await box.post("/backoffice/close-register", { account: "1001", shopID: "1", registerID: "2" });
    const closed = await client.day(shop, "2026-05-15", ["sales"]);
    expect(closed.closed).toBe(true);
    // Counted as expected when no count is given: no over/short.
    const patio = closed.registers.find((r) => r.id === "2")!;
    expect(registerFigures(patio).overShort.isZero()).toBe(true);
    expect(registerFigures(closed.registers.find((r) => r.id === "1")!).overShort.isZero()).toBe(false);
  });

  it("refuses a register that is not open", async () => {
    const box = await sandbox();
    await box.post("/backoffice/close-register", { account: "1001", shopID: "1", registerID: "1" });
    const again = await box.post("/backoffice/close-register", {
      account: "1001",
      shopID: "1",
      registerID: "1",
    });
    expect(decodeURIComponent(again.headers.get("Location") ?? "")).toMatch(
      /error=register 1 of shop 1 is not open/,
    );
  });
});

describe("opening a new location", () => {
  it("adds a shop with a register, announced, whose sales begin the next day", async () => {
    const box = await sandbox();
    await subscribeAll(box);
    await box.post("/backoffice/open-location", {
      account: "1001",
      name: "Demo Coffee Halifax",
      province: "NS",
    });
    const [delivery] = await delivered(box);
    expect(delivery?.body).toMatchObject({ topic: "store.created", data: { shopID: "4" } });

    const client = clientOf(box);
    const shop = await client.shop("4");
    expect(shop).toEqual({
      posShopId: "4",
      name: "Demo Coffee Halifax",
      timezone: "America/Halifax",
      currency: "CAD",
    });
    expect(await client.registers("4")).toEqual([{ posRegisterId: "5", name: "Register 1", open: false }]);
    expect((await client.day(shop!, "2026-05-15", ["sales"])).sales).toEqual([]);

    box.advance(86_400_000);
    const restarted = await startSandbox({ db: box.database, now: box.clock() });
    const next = await clientOf(restarted).day(shop!, "2026-05-16", ["sales"]);
    expect(next.sales.length).toBeGreaterThan(0);
    expect(next.sales[0]?.lines.flatMap((line) => line.taxes).every((tax) => tax.taxId === "4-tax1")).toBe(
      true,
    );
  });
});

describe("uninstalling Daybook", () => {
  it("sends app.uninstalled, forgets the subscriptions and revokes the app", async () => {
    const box = await sandbox();
    await subscribeAll(box);
    await box.post("/backoffice/uninstall", { account: "1001" });
    const [delivery, ...others] = await delivered(box);
    expect(others).toEqual([]);
    expect(delivery?.body).toMatchObject({ topic: "app.uninstalled", accountId: "1001", data: {} });
    expect(await box.apiJson("/Account/1001/Webhook.json")).not.toHaveProperty("Webhook");
    expect(box.uninstalled).toEqual(["1001"]);
  });
});

describe("deliveries", () => {
  it("retry a failed delivery with the same id, a fresh triggeredAt and a fresh signature", async () => {
    let answered = 0;
    const box = await sandbox({ receiver: () => new Response("", { status: ++answered === 1 ? 500 : 200 }) });
    await subscribeAll(box);
    await box.post("/backoffice/void", { account: "1001", saleID: (await yesterdaysFirstSale(box)).saleID });
    const [first, second] = await delivered(box);
    expect(first?.deliveryId).toBe(second?.deliveryId);
    expect(first?.body.triggeredAt).not.toBe(second?.body.triggeredAt);
    expect([first?.signed, second?.signed]).toEqual([true, true]);
    expect(box.sender.deliveries()[0]).toMatchObject({ attempts: [500, 200], delivered: true });
  });

  it("give up after a few attempts", async () => {
    const box = await sandbox({ receiver: () => new Response("", { status: 503 }) });
    await subscribeAll(box);
    await box.post("/backoffice/uninstall", { account: "1001" });
    await box.sender.idle();
    expect(box.sender.deliveries()[0]).toMatchObject({
      attempts: [503, 503, 503, 503, 503],
      delivered: false,
    });
  });

  it("are signed as base64 HMAC-SHA256 of the raw body with the client secret", async () => {
    const body =
      '{"deliveryId":"d1","topic":"app.uninstalled","accountId":"1001","triggeredAt":"2026-05-15T18:00:00.000Z","data":{}}';
    expect(await signWebhook(CLIENT_SECRET, body)).toBe(
      createHmac("sha256", CLIENT_SECRET).update(body).digest("base64"),
    );
  });
});

describe("the back office page", () => {
  it("shows the merchant's shops, registers and sales with their actions, escaping what it prints", async () => {
    const box = await sandbox();
    await box.post("/backoffice/open-location", { account: "1001", name: "<b>Pop-up</b>", province: "QC" });
    const page = await box.app.request("http://localhost/sandbox/pos/backoffice?account=1001");
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of ["Demo Coffee Queen St", "Demo Coffee Gastown", `${APP_URL}/install`])
      expect(html).toContain(text);
    expect(html).toMatch(/<button>\s*Close register\s*<\/button>/);
    expect(html).toMatch(/name="saleID" value="120260515\d{3}"/);
    expect(html).toMatch(/<button>\s*Void\s*<\/button>/);
    expect(html).toContain("&lt;b&gt;Pop-up&lt;/b&gt;");
    expect(html).not.toContain("<b>Pop-up</b>");
    const other = await (
      await box.app.request("http://localhost/sandbox/pos/backoffice?account=2002")
    ).text();
    expect(other).toContain("Maple Bakery");
  });

  it("places fault orders and sets the drip rate from its forms", async () => {
    const box = await sandbox();
    const ordered = await box.post("/backoffice/fault", {
      account: "1001",
      target: "pos",
      fault: "500",
      count: "1",
    });
    expect(ordered.status).toBe(303);
    expect((await box.api("/Account.json")).status).toBe(500);
    const saved = await box.post("/settings", { account: "1001", dripRate: "7" });
    expect(saved.headers.get("Location")).toBe("/sandbox/pos/backoffice?account=1001");
    expect((await box.api("/Account.json")).headers.get("X-LS-Api-Drip-Rate")).toBe("7");
  });
});
