// GET /api/pos/catalog/:kind end to end: the Lightspeed adapter reading the sandbox POS for the
// session's account, with the ids of the days the nightly run loaded, items paged and searched, and the
// answers to a bad request, a missing token and a connection the POS refuses.
import { Hono } from "hono";
import { hc } from "hono/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogEntry, CatalogPage } from "../../../shared/api";
import type { PosDay } from "../../../shared/schemas/posDay";
import { catalogRoutes } from "../../../server/api/catalog";
import type { Api } from "../../../server/api/index";
import type { SessionEnv } from "../../../server/auth/sessionToken";
import { eq } from "drizzle-orm";
import { accounts, snapshots } from "../../../server/db/schema";
import { PosDataError, PosUnavailableError, type PosClient } from "../../../server/pos/port";
import { runNightly } from "../../../server/services/nightly";
import { DEMO_COFFEE, MAPLE_BAKERY } from "../../../server/sandbox/pos/roster";
import { createFullStack, type FullStack } from "../../support/fullStack";

let stack: FullStack;
/** Demo Coffee's days, as the nightly run loaded them. */
let days: PosDay[];

beforeAll(async () => {
  stack = await createFullStack(Date.parse("2026-11-20T15:00:00Z"));
  await stack.install(DEMO_COFFEE.accountID);
  await stack.install(MAPLE_BAKERY.accountID);
  stack.clock.set(Date.parse("2026-11-21T15:00:00Z"));
  await runNightly(stack.deps);
  await stack.drain();
  const [demo] = await stack.db
    .select()
    .from(accounts)
    .where(eq(accounts.posAccountId, DEMO_COFFEE.accountID));
  const rows = await stack.db.select().from(snapshots).where(eq(snapshots.accountId, demo!.id));
  days = rows.map((row) => row.body as PosDay);
});
afterAll(() => stack.close());

async function get(path: string, account = DEMO_COFFEE.accountID, employee = "1") {
  const token = await stack.sessionToken(account, employee);
  return stack.request(path, { headers: { authorization: `Bearer ${token}` } });
}

async function catalog(query: string, account = DEMO_COFFEE.accountID): Promise<CatalogPage> {
  const response = await get(`/api/pos/catalog/${query}`, account);
  expect(response.status).toBe(200);
  return (await response.json()) as CatalogPage;
}

/** Every item, page after page. */
async function allItems(query = "", account = DEMO_COFFEE.accountID) {
  const pages: CatalogEntry[][] = [];
  let after: string | undefined;
  do {
    const cursor = after === undefined ? "" : `&after=${encodeURIComponent(after)}`;
    const page = await catalog(`items?${query}${cursor}`, account);
    pages.push(page.entries);
    after = page.next;
  } while (after !== undefined);
  return pages;
}

const ids = (entries: CatalogEntry[]) => new Set(entries.map((entry) => entry.id));

describe("the POS catalog", () => {
  it("names the ids of the loaded days: categories, discounts, taxes, payment types and items", async () => {
    const demoDays = days.filter((day) => day.sales.length > 0);
    expect(demoDays).toHaveLength(3);
    const lines = demoDays.flatMap((day) => day.sales.flatMap((sale) => sale.lines));
    const itemLines = lines.filter((line) => line.kind === "item");
    const payments = demoDays.flatMap((day) => day.sales.flatMap((sale) => sale.payments));

    const categories = (await catalog("categories")).entries;
    const discounts = (await catalog("discounts")).entries;
    const taxes = (await catalog("taxes")).entries;
    const types = (await catalog("payment_types")).entries;
    const items = (await allItems("limit=100")).flat();

    for (const line of itemLines) {
      expect(ids(categories)).toContain(line.categoryId);
      expect(ids(items)).toContain(line.itemId);
      expect(items.find((item) => item.id === line.itemId)).toMatchObject({
        name: line.itemName,
        categoryId: line.categoryId,
      });
      for (const tax of line.taxes)
        expect(taxes.find((entry) => entry.id === tax.taxId)?.name).toBe(tax.name);
      for (const discount of line.discounts)
        if (discount.discountId !== "manual") expect(ids(discounts)).toContain(discount.discountId);
    }
    expect(new Set(lines.flatMap((line) => line.taxes.map((tax) => tax.taxId)))).toEqual(
      new Set(["1-tax1", "2-tax1", "2-tax2", "3-tax1", "3-tax2"]),
    );
    expect(lines.some((line) => line.discounts.some((discount) => discount.discountId !== "manual"))).toBe(
      true,
    );
    for (const payment of payments)
      expect(types).toContainEqual({ id: payment.paymentTypeId, name: payment.name, kind: payment.kind });

    expect(categories).toHaveLength(6);
    expect(discounts).toHaveLength(3);
    expect(types).toHaveLength(7);
    expect(taxes).toContainEqual({ id: "2-tax2", name: "QST", rate: "0.09975" });
    expect(taxes.map((tax) => tax.id)).not.toContain("1-tax2");
    expect(items).toHaveLength(19);
  });

  it("is the session's account's: Maple Bakery sees its own", async () => {
    const categories = (await catalog("categories", MAPLE_BAKERY.accountID)).entries;
    expect(categories.map((category) => category.name)).toEqual([
      "Breads",
      "Cakes",
      "Coffee & tea",
      "Pastries",
    ]);
    expect((await allItems("", MAPLE_BAKERY.accountID)).flat()).toHaveLength(8);
  });

  it("pages items by name on the POS cursor, and searches their names", async () => {
    const pages = await allItems("limit=5");
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 4]);
    const names = pages.flat().map((item) => item.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(new Set(names).size).toBe(19);
    expect((await catalog("items")).entries).toHaveLength(19);

    expect((await catalog("items?search=LATTE")).entries.map((item) => item.name)).toEqual([
      "Chai latte",
      "Latte",
    ]);
    const searched = await allItems("search=e&limit=4");
    expect(searched.length).toBeGreaterThan(1);
    expect(searched.flat().every((item) => item.name.toLowerCase().includes("e"))).toBe(true);
    expect(searched.flat()).toHaveLength(14);
    expect((await catalog("items?search=100%25")).entries).toEqual([]);
  });

  it("searches the small lists by name, in any case", async () => {
    expect((await catalog("categories?search=CO")).entries.map((entry) => entry.name)).toEqual([
      "Brewed coffee & tea",
      "Coffee beans",
    ]);
    expect((await catalog("payment_types?search=GIFT")).entries).toEqual([
      { id: "6", name: "Gift Card", kind: "gift_card" },
    ]);
    expect((await catalog("taxes?search=gst")).entries.map((entry) => entry.id)).toEqual([
      "2-tax1",
      "3-tax1",
    ]);
  });

  it("is typed for the extension's RPC client", async () => {
    const token = await stack.sessionToken(DEMO_COFFEE.accountID, "2");
    const api = hc<Api>(`${stack.env.appUrl}/api`, {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => stack.app.fetch(new Request(input, init)),
      headers: { authorization: `Bearer ${token}` },
    });
    const response = await api.pos.catalog[":kind"].$get({
      param: { kind: "items" },
      query: { search: "croissant", limit: 1 },
    });
    const body = await response.json();
    if (!("entries" in body)) throw new Error(`no entries: ${JSON.stringify(body)}`);
    expect(body.entries).toEqual([{ id: "11", name: "Almond croissant", categoryId: "3" }]);
    expect(body.next).toEqual(expect.any(String));
  });

  it("refuses a bad kind, limit or cursor with 400 naming the field, and a missing token with 401", async () => {
    for (const [path, field] of [
      ["vendors", "kind"],
      ["items?limit=0", "limit"],
      ["items?limit=101", "limit"],
      ["items?limit=ten", "limit"],
      ["items?after=%7B%22x%22%7D", "after"],
    ] as const) {
      const response = await get(`/api/pos/catalog/${path}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_request", field } });
    }
    const anonymous = await stack.request("/api/pos/catalog/categories");
    expect(anonymous.status).toBe(401);
  });

  // Last: the POS keeps refusing Maple Bakery's token, which leaves its connection to be renewed.
  it("answers 409 pos_reconnect_required when the POS refuses the connection", async () => {
    stack.faults.order({ target: "pos", fault: "401", count: 100 });
    const response = await get("/api/pos/catalog/categories", MAPLE_BAKERY.accountID);
    stack.faults.clear();
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "pos_reconnect_required" } });
    const again = await get("/api/pos/catalog/items", MAPLE_BAKERY.accountID);
    expect(again.status).toBe(409);
  });
});

describe("POS faults", () => {
  /** The routes over a client that fails with `error`. */
  function failingWith(error: Error) {
    const failing = { catalog: () => Promise.reject(error) } as unknown as PosClient;
    return new Hono<SessionEnv>()
      .use(async (c, next) => {
        c.set("session", {
          account: { id: "a1", posAccountId: "1001" },
        } as SessionEnv["Variables"]["session"]);
        await next();
      })
      .route(
        "/",
        catalogRoutes(stack.deps, () => failing),
      );
  }

  it("answer 503 while the POS is unavailable and 502 when it answers nonsense", async () => {
    const unavailable = await failingWith(new PosUnavailableError("429 after 5 attempts", 30)).request(
      "/pos/catalog/categories",
    );
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toMatchObject({ error: { code: "unavailable" } });
    const nonsense = await failingWith(new PosDataError("Category[0].name: expected a text")).request(
      "/pos/catalog/categories",
    );
    expect(nonsense.status).toBe(502);
    expect(await nonsense.json()).toMatchObject({ error: { code: "pos_error" } });
  });
});
