// The sandbox POS API over a real libSQL database: Lightspeed's shapes and quirks, a deterministic
// 120-day history, pagination, the leaky bucket, fault orders, and who may read what.
import { afterEach, describe, expect, it } from "vitest";
import { dayRangeUtc, lightspeedTime } from "../../../../server/pos/lightspeed/zonedTime";
import { addDays } from "../../../../shared/time";
import { NOW, type Sandbox, startSandbox } from "./setup";

const started: Sandbox[] = [];
async function sandbox(options: Parameters<typeof startSandbox>[0] = {}) {
  const created = await startSandbox(options);
  started.push(created);
  return created;
}
afterEach(() => {
  for (const created of started.splice(0)) created.close();
});

const TODAY = "2026-05-15";
const RELATIONS = encodeURIComponent(
  JSON.stringify(["SaleLines", "SalePayments", "SalePayments.SaleAccounts"]),
);

/** The Sale query of one Toronto shop's business date. */
function salesOf(shopID: string, date: string, extra = "") {
  const { start, end } = dayRangeUtc(date, "America/Toronto");
  const range = encodeURIComponent(`><,${lightspeedTime(start)},${lightspeedTime(end - 1000)}`);
  return `/Account/1001/Sale.json?shopID=${shopID}&completeTime=${range}${extra}`;
}

/** Every record of a query, following `next`. */
async function everything(box: Sandbox, path: string, resource: string): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let next = path;
  while (next) {
    const body = await box.apiJson(next);
    const found = body[resource];
    records.push(...(found === undefined ? [] : Array.isArray(found) ? found : [found]));
    next = (body["@attributes"] as { next: string }).next;
  }
  return records as Record<string, unknown>[];
}

function scalars(value: unknown): unknown[] {
  if (value === null || typeof value !== "object") return [value];
  return Object.values(value).flatMap(scalars);
}

describe("the account", () => {
  it("is the token's, with its currency in its settings", async () => {
    const box = await sandbox();
    const accounts = await box.apiJson("/Account.json");
    expect(accounts.Account).toMatchObject({ accountID: "1001", name: "Demo Coffee" });
    const settings = await box.apiJson("/Account/1001.json");
    expect(settings.defaultCurrency).toEqual({ code: "CAD", symbol: "$" });
  });

  it("refuses a missing or unknown token, and another account's data", async () => {
    const box = await sandbox();
    const anonymous = await box.app.request(`http://localhost/sandbox/pos/API/V3/Account.json`);
    expect(anonymous.status).toBe(401);
    expect((await box.api("/Account.json", { token: "stolen" })).status).toBe(401);
    const other = await box.api("/Account/1001/Sale.json", { token: "token-2002" });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ httpCode: "403", httpMessage: "Forbidden" });
    expect((await box.api("/Account/1001.json", { token: "token-2002" })).status).toBe(403);
  });
});

describe("resources", () => {
  it("write every scalar as a string and a single record as an object", async () => {
    const box = await sandbox();
    const all = await box.apiJson("/Account/1001/Shop.json");
    expect(all.Shop).toHaveLength(3);
    const one = await box.apiJson("/Account/1001/Shop.json?shopID=3");
    expect(Array.isArray(one.Shop)).toBe(false);
    expect(one.Shop).toMatchObject({ shopID: "3", timeZone: "America/Vancouver", archived: "false" });
    expect(one.Shop).not.toHaveProperty("Registers");
    const items = await box.apiJson("/Account/1001/Item.json");
    expect(scalars(items.Item).every((value) => typeof value === "string")).toBe(true);
    // An item's prices: a list of one, written as an object.
    expect((items.Item as { Prices: unknown }[])[0]?.Prices).toEqual({
      ItemPrice: { amount: "3.25", useTypeID: "1", useType: "Default" },
    });
  });

  it("load relations only when asked, with an empty one as an empty string", async () => {
    const box = await sandbox();
    const bare = await everything(box, salesOf("1", "2026-05-10"), "Sale");
    expect(bare[0]).not.toHaveProperty("SaleLines");
    const loaded = await everything(box, salesOf("1", "2026-05-10", `&load_relations=${RELATIONS}`), "Sale");
    expect(loaded).toHaveLength(bare.length);
    // A credit-account deposit has no line; most sales have one line, written as an object.
    const lines = loaded.map((sale) => sale.SaleLines);
    expect(lines).toContain("");
    expect(
      lines.some(
        (value) => typeof value === "object" && !Array.isArray((value as { SaleLine: unknown }).SaleLine),
      ),
    ).toBe(true);
  });

  it("filter with the API's operators", async () => {
    const box = await sandbox();
    const some = await box.apiJson(`/Account/1001/Item.json?itemID=${encodeURIComponent("IN,[2,3,99]")}`);
    expect((some.Item as { itemID: string }[]).map((item) => item.itemID)).toEqual(["2", "3"]);
    const expensive = await box.apiJson(`/Account/1001/Item.json?itemID=${encodeURIComponent(">=,18")}`);
    expect((expensive.Item as { description: string }[]).map((item) => item.description)).toEqual([
      "Ceramic mug",
      "Reusable cup",
    ]);
    expect((await box.api(`/Account/1001/Item.json?itemID=${encodeURIComponent("><,1")}`)).status).toBe(400);
    expect((await box.api("/Account/1001/Nothing.json")).status).toBe(404);
  });

  it("match text with LIKE: % any text, _ one character, \\ literally, in any case", async () => {
    const box = await sandbox();
    const described = async (operator: string) => {
      const body = await box.apiJson(
        `/Account/1001/Item.json?sort=description&description=${encodeURIComponent(operator)}`,
      );
      const found = body.Item === undefined ? [] : [body.Item].flat();
      return (found as { description: string }[]).map((item) => item.description);
    };
    expect(await described("~,%LATTE%")).toEqual(["Chai latte", "Latte"]);
    expect(await described("~,latte")).toEqual(["Latte"]);
    expect(await described("~,c_ppuccino")).toEqual(["Cappuccino"]);
    expect(await described("~,%340 g")).toEqual(["House blend beans 340 g", "Single origin beans 340 g"]);
    expect(await described("~,%\\%%")).toEqual([]);
    expect(await described("~,%\\_%")).toEqual([]);
    expect(await described("~,%.%")).toEqual([]);
    expect(await described("!~,%e%")).toEqual([
      "Almond croissant",
      "Avocado toast",
      "Cappuccino",
      "Cinnamon bun",
      "Mocha",
    ]);
  });

  it("page with limit and a full next URL, up to 100 records a page", async () => {
    const box = await sandbox();
    const all = await everything(box, salesOf("2", "2026-05-12"), "Sale");
    const first = await box.apiJson(salesOf("2", "2026-05-12", "&limit=7"));
    const next = (first["@attributes"] as { next: string }).next;
    expect(next).toMatch(/^http:\/\/localhost\/sandbox\/pos\/API\/V3\/Account\/1001\/Sale\.json\?.*after=/);
    const paged = await everything(box, salesOf("2", "2026-05-12", "&limit=7"), "Sale");
    expect(paged.map((sale) => sale.saleID)).toEqual(all.map((sale) => sale.saleID));
    expect((await box.api(salesOf("2", "2026-05-12", "&limit=101"))).status).toBe(400);
  });
});

describe("the merchant's history", () => {
  it("gives a date the same sales whenever it is asked, and another date other sales", async () => {
    const early = await sandbox();
    const later = await sandbox({ now: NOW + 3 * 86_400_000 });
    const path = salesOf("1", "2026-05-10", `&load_relations=${RELATIONS}`);
    const once = await everything(early, path, "Sale");
    expect(await everything(later, path, "Sale")).toEqual(once);
    expect(await everything(early, path, "Sale")).toEqual(once);
    const other = await everything(early, salesOf("1", "2026-05-09", `&load_relations=${RELATIONS}`), "Sale");
    expect(other.map((sale) => sale.saleID)).not.toEqual(once.map((sale) => sale.saleID));
  });

  it("spans the 120 days before today, and today so far", async () => {
    const box = await sandbox();
    const count = async (date: string) =>
      Number(((await box.apiJson(salesOf("1", date, "&count=1")))["@attributes"] as { count: string }).count);
    for (const date of [addDays(TODAY, -120), addDays(TODAY, -60), addDays(TODAY, -1)]) {
      expect(await count(date)).toBeGreaterThanOrEqual(20);
      expect(await count(date)).toBeLessThanOrEqual(60);
    }
    expect(await count(addDays(TODAY, -121))).toBe(0);
    expect(await count(addDays(TODAY, 1))).toBe(0);
    const soFar = await everything(box, salesOf("1", TODAY), "Sale");
    expect(soFar.length).toBeGreaterThan(0);
    expect(soFar.every((sale) => Date.parse(sale.completeTime as string) <= NOW)).toBe(true);
  });

  it("keeps today's registers open and every earlier day closed", async () => {
    const box = await sandbox();
    const registers = await box.apiJson("/Account/1001/Register.json?shopID=1");
    expect((registers.Register as { open: string }[]).map((r) => r.open)).toEqual(["true", "true"]);
    const range = (date: string) => {
      const { start, end } = dayRangeUtc(date, "America/Toronto");
      return encodeURIComponent(`><,${lightspeedTime(start)},${lightspeedTime(end - 1000)}`);
    };
    const path = (date: string) =>
      `/Account/1001/RegisterCount.json?registerID=${encodeURIComponent("IN,[1,2]")}&openTime=${range(date)}`;
    expect(await everything(box, path(addDays(TODAY, -1)), "RegisterCount")).toHaveLength(2);
    expect(await everything(box, path(TODAY), "RegisterCount")).toHaveLength(0);
  });
});

describe("the leaky bucket", () => {
  it("says how full it is, refuses with 429 and Retry-After once full, and drains", async () => {
    const box = await sandbox({ dripRate: 1 });
    const first = await box.api("/Account.json");
    // Demo Coffee has 4 registers: 90 + 3 x 10 drips.
    expect(first.headers.get("X-LS-Api-Bucket-Level")).toBe("1/120");
    expect(first.headers.get("X-LS-Api-Drip-Rate")).toBe("1");
    expect(first.headers.get("X-LS-Api-Request-Cost")).toBe("1");
    for (let i = 1; i < 120; i++) expect((await box.api("/Account.json")).status).toBe(200);
    const refused = await box.api("/Account.json");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("1");
    expect(refused.headers.get("X-LS-API-RateLimit-Type")).toBe("api-leaky-bucket");
    box.advance(1_000);
    expect((await box.api("/Account.json")).status).toBe(200);
    // Another account has a bucket of its own.
    expect((await box.api("/Account.json", { token: "token-2002" })).status).toBe(200);
  });

  it("charges loaded relations, and takes a new drip rate at runtime", async () => {
    const box = await sandbox();
    const loaded = await box.api(salesOf("1", "2026-05-10", `&load_relations=${RELATIONS}`));
    expect(loaded.headers.get("X-LS-Api-Request-Cost")).toBe("2.2");
    expect(loaded.headers.get("X-LS-Api-Drip-Rate")).toBe("2.5");
    const settings = await box.app.request("http://localhost/sandbox/pos/settings", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ dripRate: 40 }),
    });
    expect(await settings.json()).toEqual({ dripRate: 40 });
    expect((await box.api("/Account.json")).headers.get("X-LS-Api-Drip-Rate")).toBe("40");
  });
});

describe("fault orders", () => {
  const order = (box: Sandbox, body: unknown) =>
    box.app.request("http://localhost/sandbox/faults", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answer the next N calls with the fault, then normally", async () => {
    const box = await sandbox();
    expect((await order(box, { target: "pos", fault: "500", count: 2 })).status).toBe(201);
    const pending = await (await box.app.request("http://localhost/sandbox/faults")).json();
    expect(pending).toMatchObject({ faults: [{ target: "pos", fault: "500", remaining: 2 }] });
    const failed = await box.api("/Account.json");
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ httpCode: "500" });
    expect((await box.api("/Account.json")).status).toBe(500);
    expect((await box.api("/Account.json")).status).toBe(200);
  });

  it("answer 401, 429 with Retry-After, or slowly", async () => {
    const box = await sandbox();
    await order(box, { target: "pos", fault: "401", count: 1 });
    expect((await box.api("/Account.json")).status).toBe(401);
    await order(box, { target: "pos", fault: "429", count: 1, delayMs: 2_500 });
    const limited = await box.api("/Account.json");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("3");
    await order(box, { target: "pos", fault: "slow", count: 1, delayMs: 5_000 });
    expect((await box.api("/Account.json")).status).toBe(200);
    expect(box.slowWaits).toEqual([5_000]);
  });

  it("leave other targets alone, refuse nonsense and can be cleared", async () => {
    const box = await sandbox();
    await order(box, { target: "qbo", fault: "500", count: 1 });
    expect((await box.api("/Account.json")).status).toBe(200);
    expect((await order(box, { target: "pos", fault: "418", count: 1 })).status).toBe(400);
    expect((await order(box, { target: "pos", fault: "500", count: 0 })).status).toBe(400);
    await order(box, { target: "pos", fault: "500", count: 5 });
    await box.app.request("http://localhost/sandbox/faults", { method: "DELETE" });
    expect((await box.api("/Account.json")).status).toBe(200);
  });
});

describe("webhook subscriptions", () => {
  it("are idempotent on (topic, url) and listed", async () => {
    const box = await sandbox();
    const subscribe = (topic: string) =>
      box.apiJson("/Account/1001/Webhook.json", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ topic, url: "http://127.0.0.1:8787/webhooks/pos" }),
      });
    const first = await subscribe("sale.voided");
    const again = await subscribe("sale.voided");
    expect(again.Webhook).toEqual(first.Webhook);
    await subscribe("register.closed");
    const listed = await box.apiJson("/Account/1001/Webhook.json");
    expect((listed.Webhook as { topic: string }[]).map((w) => w.topic)).toEqual([
      "sale.voided",
      "register.closed",
    ]);
    const wrong = await box.api("/Account/1001/Webhook.json", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ topic: "sale.created", url: "http://127.0.0.1:8787/webhooks/pos" }),
    });
    expect(wrong.status).toBe(400);
    // Each account has its own.
    expect(await box.apiJson("/Account/2002/Webhook.json", { token: "token-2002" })).not.toHaveProperty(
      "Webhook",
    );
  });
});
